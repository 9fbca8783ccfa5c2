// spawn: create N idle goroutines (each blocked on a channel), then destroy
// them (close the channel, wait for all to return); bench/spawn/parc.c says
// what is printed. GOMAXPROCS sets the workers.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
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
	n := 1000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	quit := make(chan struct{})
	var wg sync.WaitGroup
	runtime.GC()
	r0 := rss()
	t0 := time.Now()
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			<-quit
			wg.Done()
		}()
	}
	t1 := time.Since(t0)
	r1 := rss()
	t2 := time.Now()
	close(quit)
	wg.Wait()
	t3 := time.Since(t2)
	t := (t1 + t3).Seconds()
	if runtime.NumGoroutine() > 2 {
		fmt.Fprintf(os.Stderr, "bench: FAILED: %d goroutines left\n", runtime.NumGoroutine())
		os.Exit(1)
	}
	fmt.Printf("workers=%d\n", runtime.GOMAXPROCS(0))
	fmt.Printf("ns_per_op=%.1f\n", t*1e9/float64(n))
	fmt.Printf("bytes_per_proc=%d\n", (r1-r0)/int64(n))
	fmt.Printf("create_ns=%.1f\n", float64(t1.Nanoseconds())/float64(n))
	fmt.Printf("destroy_ns=%.1f\n", float64(t3.Nanoseconds())/float64(n))
	fmt.Printf("time_s=%.6f\n", t)
}
