// ring: N goroutines in a ring pass a token M hops over unbuffered channels
// (bench/ring/ring.h says what is printed). GOMAXPROCS sets the workers.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	r, _ := strconv.ParseInt(f[1], 10, 64)
	return r * int64(os.Getpagesize())
}

func main() {
	n, m := 1000, 2000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) > 2 {
		m, _ = strconv.Atoi(os.Args[2])
	}
	in := make([]chan int, n)
	for i := range in {
		in[i] = make(chan int)
	}
	done := make(chan int)
	visits := make([]int, n)
	runtime.GC()
	r0 := rss()
	for i := 0; i < n; i++ {
		go func(i int) {
			next := in[(i+1)%n]
			for k := range in[i] {
				visits[i]++
				if k == 0 {
					done <- i
					continue
				}
				next <- k - 1
			}
		}(i)
	}
	runtime.Gosched()
	r1 := rss()
	t0 := time.Now()
	in[0] <- m
	<-done
	t := time.Since(t0).Seconds()
	total := 0
	for _, v := range visits {
		total += v
	}
	if total != m+1 {
		fmt.Fprintf(os.Stderr, "bench: FAILED: %d visits, want %d\n", total, m+1)
		os.Exit(1)
	}
	fmt.Printf("workers=%d\n", runtime.GOMAXPROCS(0))
	fmt.Printf("ns_per_op=%.1f\n", t*1e9/float64(m))
	fmt.Printf("bytes_per_proc=%d\n", (r1-r0)/int64(n))
	fmt.Printf("time_s=%.6f\n", t)
}
