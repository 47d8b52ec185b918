import java.util.*;
import java.util.concurrent.*;

/** Which of three blocked takers of a SynchronousQueue gets the first put: arrival order or not. */
public class SqOrder {
    public static void main(String[] args) throws Exception {
        for (boolean fair : new boolean[] {false, true}) {
            SynchronousQueue<Integer> q = new SynchronousQueue<>(fair);
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            List<Thread> ts = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                final String name = "taker" + i;
                Thread t = Thread.ofPlatform().start(() -> {
                    try { q.take(); order.add(name); } catch (InterruptedException e) { }
                });
                ts.add(t);
                while (t.getState() != Thread.State.WAITING) Thread.sleep(1); // parked in take, in arrival order
            }
            for (int i = 0; i < 3; i++) { q.put(i); Thread.sleep(20); }
            for (Thread t : ts) t.join();
            System.out.println((fair ? "fair    " : "non-fair") + " takers served: " + order);
        }
    }
}
