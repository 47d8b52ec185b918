// Command gobench runs channels4j's JMH workloads on Go channels, so that the README can show
// Go beside channels4j: the same batch transfer (P producers, 1 or P consumers), ping-pong,
// select and uncontended send+receive, in the same units (messages per microsecond for
// throughput, nanoseconds per operation for latency and cost). It writes its results as JMH
// writes -rf json, so ResultsReport puts Go into the same tables and figures (as impl "go",
// threads "goroutines", beside the virtual-thread lines).
//
// Measurement follows JMH's: warm-up iterations, then measured iterations of a fixed time,
// each counting whole batches; the score is the mean over iterations with a 99.9% confidence
// half-width. Nothing here is tuned: GOMAXPROCS is Go's default (the number of cores).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// message is what every channel carries: one pointer, as the Java benchmarks send one reference.
type message struct{}

var theMessage = &message{}

const (
	batchMessages = 1 << 14 // as BatchThroughput.MESSAGES: divisible by every producer count
	roundTrips    = 1 << 12 // as PingPong.ROUND_TRIPS
	unitBatch     = 1 << 10 // operations per timed call of the per-operation workloads
)

type settings struct {
	warmups, iterations   int
	warmupTime, iterTime  time.Duration
	producers, capacities []int
	shapes                []string
	selectChannels        []int
	filter                *regexp.Regexp
}

// result is one row in JMH's JSON result format (the fields ResultsReport reads).
type result struct {
	Benchmark     string            `json:"benchmark"`
	Mode          string            `json:"mode"`
	Threads       int               `json:"threads"`
	Forks         int               `json:"forks"`
	Params        map[string]string `json:"params"`
	PrimaryMetric metric            `json:"primaryMetric"`
	Secondary     map[string]metric `json:"secondaryMetrics"`
}

type metric struct {
	Score      float64     `json:"score"`
	ScoreError jsonFloat   `json:"scoreError"`
	ScoreUnit  string      `json:"scoreUnit"`
	RawData    [][]float64 `json:"rawData"`
}

// jsonFloat writes NaN as JMH does: the string "NaN".
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(f)) {
		return []byte(`"NaN"`), nil
	}
	return json.Marshal(float64(f))
}

func main() {
	var s settings
	flag.IntVar(&s.warmups, "wi", 5, "warm-up iterations")
	flag.IntVar(&s.iterations, "i", 5, "measured iterations")
	flag.DurationVar(&s.warmupTime, "w", time.Second, "time of a warm-up iteration")
	flag.DurationVar(&s.iterTime, "r", 2*time.Second, "time of a measured iteration")
	producers := flag.String("producers", "1,2,4,8", "producer counts")
	capacities := flag.String("capacities", "0,1,16,1024", "channel capacities (Go has no unbounded channel)")
	shapes := flag.String("shapes", "mpsc,mpmc", "mpsc: 1 consumer; mpmc: as many consumers as producers")
	selectChannels := flag.String("select-channels", "1,2,4", "channels per select")
	filter := flag.String("bench", ".", "regexp of the benchmarks to run (BatchThroughput, PingPong, SelectCost, SendReceiveCost)")
	out := flag.String("rf", "", "write results here as JMH-style JSON")
	flag.Parse()
	s.producers = ints(*producers)
	s.capacities = ints(*capacities)
	s.shapes = strings.Split(*shapes, ",")
	s.selectChannels = ints(*selectChannels)
	s.filter = regexp.MustCompile(*filter)

	fmt.Printf("# %s, GOMAXPROCS=%d, %d CPUs\n", runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumCPU())
	var results []result
	results = append(results, batchThroughput(s)...)
	results = append(results, pingPong(s)...)
	results = append(results, selectCost(s)...)
	results = append(results, sendReceiveCost(s)...)
	if *out != "" {
		data, err := json.MarshalIndent(results, "", "  ")
		if err == nil {
			err = os.WriteFile(*out, data, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "gobench:", err)
			os.Exit(1)
		}
	}
}

func ints(csv string) []int {
	var r []int
	for _, f := range strings.Split(csv, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			fmt.Fprintln(os.Stderr, "gobench: not a number:", f)
			os.Exit(2)
		}
		r = append(r, n)
	}
	return r
}

// measure runs work (which does ops operations per call) for the warm-up and measured
// iterations and returns the measured operations per microsecond of each iteration.
func measure(s settings, ops int, work func()) []float64 {
	iteration := func(d time.Duration) float64 {
		done := 0
		start := time.Now()
		for time.Since(start) < d {
			work()
			done += ops
		}
		return float64(done) / float64(time.Since(start).Microseconds())
	}
	for i := 0; i < s.warmups; i++ {
		iteration(s.warmupTime)
	}
	scores := make([]float64, s.iterations)
	for i := range scores {
		scores[i] = iteration(s.iterTime)
	}
	return scores
}

// row makes a JMH-style row; perOp turns ops/us into ns/op.
func row(name, mode string, threads int, params map[string]string, opsPerMicro []float64, perOp bool) result {
	scores := opsPerMicro
	unit := "ops/us"
	if perOp {
		unit = "ns/op"
		scores = make([]float64, len(opsPerMicro))
		for i, v := range opsPerMicro {
			scores[i] = 1000 / v
		}
	}
	mean, half := meanAndHalfWidth(scores)
	params["impl"] = "go"
	r := result{Benchmark: "go." + name, Mode: mode, Threads: threads, Forks: 1, Params: params,
		PrimaryMetric: metric{Score: mean, ScoreError: jsonFloat(half), ScoreUnit: unit, RawData: [][]float64{scores}},
		Secondary:     map[string]metric{}}
	fmt.Printf("%-34s %-40s %12.3f ± %-10.3f %s\n", r.Benchmark, paramText(params), mean, half, unit)
	return r
}

func paramText(p map[string]string) string {
	var b strings.Builder
	for _, k := range []string{"capacity", "producers", "shape", "channels"} {
		if v, ok := p[k]; ok {
			fmt.Fprintf(&b, "%s=%s ", k, v)
		}
	}
	return b.String()
}

// meanAndHalfWidth: the mean and the 99.9% confidence half-width (Student's t), as JMH reports.
func meanAndHalfWidth(xs []float64) (float64, float64) {
	n := float64(len(xs))
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	mean := sum / n
	if len(xs) < 2 {
		return mean, math.NaN()
	}
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, tQuantile(0.9995, n-1) * math.Sqrt(ss/(n-1)) / math.Sqrt(n)
}

// tQuantile: the p quantile (0.5 < p < 1) of Student's t with df degrees of freedom, for any df,
// as JMH takes it from commons-math's TDistribution. The upper tail P(T > t) is
// I_x(df/2, 1/2) / 2 with x = df / (df + t²), which falls as t grows: double hi until it is
// below 1 - p, then bisect.
func tQuantile(p, df float64) float64 {
	lo, hi := 0.0, 1.0
	for regIncBeta(df/2, 0.5, df/(df+hi*hi))/2 > 1-p {
		hi *= 2
	}
	for i := 0; i < 100; i++ {
		mid := (lo + hi) / 2
		if regIncBeta(df/2, 0.5, df/(df+mid*mid))/2 > 1-p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// regIncBeta: the regularized incomplete beta function I_x(a, b), by its continued fraction
// (modified Lentz), on the side of I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges.
func regIncBeta(a, b, x float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= 1 {
		return 1
	}
	if x > (a+1)/(a+b+2) {
		return 1 - regIncBeta(b, a, 1-x)
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	front := math.Exp(lab-la-lb+a*math.Log(x)+b*math.Log1p(-x)) / a
	const tiny = 1e-300
	f, c, d := 1.0, 1.0, 0.0
	for i := 0; i <= 10000; i++ {
		m := float64(i / 2)
		num := 1.0 // the numerators: 1, then d_1, d_2, ... (d_2m+1 at odd i, d_2m at even i)
		if i > 0 && i%2 == 0 {
			num = m * (b - m) * x / ((a + 2*m - 1) * (a + 2*m))
		} else if i > 0 {
			num = -(a + m) * (a + b + m) * x / ((a + 2*m) * (a + 2*m + 1))
		}
		d = 1 + num*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		d = 1 / d
		c = 1 + num/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		cd := c * d
		f *= cd
		if math.Abs(1-cd) < 1e-14 {
			break
		}
	}
	return front * (f - 1)
}

// batchThroughput: as BatchThroughput with threads=virtual: one call moves batchMessages through
// fresh producer and consumer goroutines and waits for them all.
func batchThroughput(s settings) []result {
	var rs []result
	if !s.filter.MatchString("BatchThroughput.transfer") {
		return rs
	}
	for _, shape := range s.shapes {
		for _, capacity := range s.capacities {
			for _, p := range s.producers {
				c := 1
				if shape == "mpmc" {
					c = p
				}
				ch := make(chan *message, capacity)
				var wg sync.WaitGroup
				batch := func() {
					wg.Add(p + c)
					for i := 0; i < p; i++ {
						go func() {
							for j := batchMessages / p; j > 0; j-- {
								ch <- theMessage
							}
							wg.Done()
						}()
					}
					for i := 0; i < c; i++ {
						go func() {
							for j := batchMessages / c; j > 0; j-- {
								<-ch
							}
							wg.Done()
						}()
					}
					wg.Wait()
				}
				scores := measure(s, batchMessages, batch)
				rs = append(rs, row("BatchThroughput.transfer", "thrpt", 1, map[string]string{
					"capacity": strconv.Itoa(capacity), "producers": strconv.Itoa(p), "shape": shape,
					"threads": "goroutines"}, scores, false))
			}
		}
	}
	return rs
}

// pingPong: as PingPong.roundTripVirtual: two goroutines, roundTrips round trips per call.
func pingPong(s settings) []result {
	var rs []result
	if !s.filter.MatchString("PingPong.roundTripVirtual") {
		return rs
	}
	for _, capacity := range s.capacities {
		ping := make(chan *message, capacity)
		pong := make(chan *message, capacity)
		trips := func() {
			done := make(chan struct{})
			go func() {
				for i := 0; i < roundTrips; i++ {
					pong <- <-ping
				}
				close(done)
			}()
			for i := 0; i < roundTrips; i++ {
				ping <- theMessage
				<-pong
			}
			<-done
		}
		scores := measure(s, roundTrips, trips)
		rs = append(rs, row("PingPong.roundTripVirtual", "avgt", 1,
			map[string]string{"capacity": strconv.Itoa(capacity)}, scores, true))
	}
	return rs
}

// selectReceive is a select receiving from any of chs; Go's select has a fixed number of cases,
// so there is one per channel count (a one-case select compiles to a plain receive).
func selectReceive(chs []chan *message) *message {
	switch len(chs) {
	case 1:
		select {
		case m := <-chs[0]:
			return m
		}
	case 2:
		select {
		case m := <-chs[0]:
			return m
		case m := <-chs[1]:
			return m
		}
	case 4:
		select {
		case m := <-chs[0]:
			return m
		case m := <-chs[1]:
			return m
		case m := <-chs[2]:
			return m
		case m := <-chs[3]:
			return m
		}
	}
	panic("select over 1, 2 or 4 channels only")
}

// selectCost: as SelectCost.ready (capacity-1 channels, one made ready before each select) and
// SelectCost.blockingVirtual (unbuffered channels fed in turn by a partner goroutine).
func selectCost(s settings) []result {
	var rs []result
	for _, k := range s.selectChannels {
		if s.filter.MatchString("SelectCost.ready") {
			chs := channels(k, 1)
			next := 0
			ops := func() {
				for n := 0; n < unitBatch; n++ {
					chs[next] <- theMessage
					next = (next + 1) % k
					selectReceive(chs)
				}
			}
			rs = append(rs, row("SelectCost.ready", "avgt", 1,
				map[string]string{"channels": strconv.Itoa(k)}, measure(s, unitBatch, ops), true))
		}
		if s.filter.MatchString("SelectCost.blockingVirtual") {
			chs := channels(k, 0)
			// The partner sends with plain sends, as the Java partner does; it stays blocked on
			// these channels once the measurement is over, which costs nothing until exit.
			go func(chs []chan *message) {
				for i := 0; ; i = (i + 1) % len(chs) {
					chs[i] <- theMessage
				}
			}(chs)
			ops := func() {
				for n := 0; n < unitBatch; n++ {
					selectReceive(chs)
				}
			}
			rs = append(rs, row("SelectCost.blockingVirtual", "avgt", 1,
				map[string]string{"channels": strconv.Itoa(k)}, measure(s, unitBatch, ops), true))
		}
	}
	return rs
}

func channels(k, capacity int) []chan *message {
	chs := make([]chan *message, k)
	for i := range chs {
		chs[i] = make(chan *message, capacity)
	}
	return chs
}

// sendReceiveCost: as SendReceiveCost.sendThenReceive: one goroutine, an empty buffered
// channel, a send and a receive that never wait.
func sendReceiveCost(s settings) []result {
	var rs []result
	if !s.filter.MatchString("SendReceiveCost.sendThenReceive") {
		return rs
	}
	for _, capacity := range s.capacities {
		if capacity == 0 {
			continue // one goroutine cannot rendezvous with itself
		}
		ch := make(chan *message, capacity)
		ops := func() {
			for n := 0; n < unitBatch; n++ {
				ch <- theMessage
				<-ch
			}
		}
		rs = append(rs, row("SendReceiveCost.sendThenReceive", "avgt", 1,
			map[string]string{"capacity": strconv.Itoa(capacity)}, measure(s, unitBatch, ops), true))
	}
	return rs
}
