import java.util.*;
import java.util.concurrent.*;
import org.channels4j.*;
// One sender, one receiver, virtual threads; prints ns per message for each of R reps, then median.
public class Handoff {
    interface Ch { void send(Object o) throws Exception; Object recv() throws Exception; }
    public static void main(String[] a) throws Exception {
        String impl = a[0]; int n = Integer.parseInt(a[1]), reps = Integer.parseInt(a[2]);
        double[] r = new double[reps];
        for (int k = 0; k < reps; k++) {
            Ch c;
            if (impl.equals("sq")) { SynchronousQueue<Object> q = new SynchronousQueue<>(); c = new Ch() { public void send(Object o) throws Exception { q.put(o); } public Object recv() throws Exception { return q.take(); } }; }
            else { Channel<Object> ch = Channels.unbuffered(); c = new Ch() { public void send(Object o) throws Exception { ch.send(o); } public Object recv() throws Exception { return ch.receive(); } }; }
            final Ch cc = c; Object m = "m";
            long t0 = System.nanoTime();
            Thread s = Thread.ofVirtual().start(() -> { try { for (int i = 0; i < n; i++) cc.send(m); } catch (Exception e) { throw new RuntimeException(e); } });
            Thread rv = Thread.ofVirtual().start(() -> { try { for (int i = 0; i < n; i++) cc.recv(); } catch (Exception e) { throw new RuntimeException(e); } });
            s.join(); rv.join();
            r[k] = (System.nanoTime() - t0) / (double) n;
        }
        double[] tail = Arrays.copyOfRange(r, reps / 2, reps); Arrays.sort(tail);
        StringBuilder sb = new StringBuilder();
        for (double x : r) sb.append(String.format("%.0f ", x));
        System.out.printf("%s median(2nd half) %.1f  all: %s%n", impl, tail[tail.length / 2], sb);
    }
}
