// pingpong/go: round trips between two goroutines over two unbuffered
// channels, GOMAXPROCS=2: Go's own hand-off between two running threads.
// Usage: pingpong/go [round trips] (default 200,000). Prints what the C
// programs print: workers=2, ns_per_op=, time_s=.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

func bouncer(in <-chan uint64, out chan<- uint64, n int) {
	for i := 0; i < n; i++ {
		out <- (<-in) + 1
	}
}

func rounds(in chan<- uint64, out <-chan uint64, n int, v uint64) uint64 {
	for i := 0; i < n; i++ {
		in <- v
		r := <-out
		if r != v+1 {
			fmt.Fprintf(os.Stderr, "bench: FAILED: got %d, want %d\n", r, v+1)
			os.Exit(1)
		}
		v = r + 1
	}
	return v
}

func main() {
	runtime.GOMAXPROCS(2)
	ops := 200000
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "bench: FAILED: argument 1 '%s' is not a positive integer\n", os.Args[1])
			os.Exit(1)
		}
		ops = n
	}
	in := make(chan uint64)
	out := make(chan uint64)
	go bouncer(in, out, ops+1000)
	v := rounds(in, out, 1000, 0)
	t0 := time.Now()
	v = rounds(in, out, ops, v)
	t := time.Since(t0).Seconds()
	if v != 2*uint64(ops+1000) {
		fmt.Fprintf(os.Stderr, "bench: FAILED: value %d\n", v)
		os.Exit(1)
	}
	fmt.Printf("workers=2\nns_per_op=%.1f\ntime_s=%.6f\n", t*1e9/float64(ops), t)
}
