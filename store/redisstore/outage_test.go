package redisstore

import (
	"context"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/storetest"
)

// TestOutageCost measures, with IB_MEASURE=1, what calls cost while
// Redis is out for 10 s: killed (refused), then stopped (SIGSTOP).
func TestOutageCost(t *testing.T) {
	if os.Getenv("IB_MEASURE") == "" {
		t.Skip("set IB_MEASURE=1")
	}
	for _, kind := range []string{"killed", "stopped"} {
		server := storetest.StartRedis(t)
		s, err := New(Options{URL: "redis://" + server.Addr + "/0"})
		if err != nil {
			t.Fatal(err)
		}
		for s.Ping(context.Background()) != nil {
			time.Sleep(10 * time.Millisecond)
		}
		var calls, slow atomic.Int64
		var worst atomic.Int64
		var out atomic.Bool
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					begin := time.Now()
					s.Allow(context.Background(), "u", store.Limit{Rate: 1000, Period: time.Second, Burst: 100})
					s.Get(context.Background(), "k")
					took := time.Since(begin)
					if out.Load() {
						calls.Add(1)
						if took > 50*time.Millisecond {
							slow.Add(1)
						}
						if int64(took) > worst.Load() {
							worst.Store(int64(took))
						}
					}
					time.Sleep(5 * time.Millisecond)
				}
			})
		}
		time.Sleep(time.Second)
		out.Store(true)
		if kind == "killed" {
			server.Kill()
		} else {
			server.Signal(syscall.SIGSTOP)
		}
		time.Sleep(10 * time.Second)
		out.Store(false)
		close(stop)
		wg.Wait()
		if kind == "stopped" {
			server.Signal(syscall.SIGCONT)
		}
		t.Logf("Redis %s for 10 s: %d of %d requests (an Allow and a Get) took over 50 ms; the slowest %v", kind, slow.Load(), calls.Load(), time.Duration(worst.Load()).Round(time.Millisecond))
		s.Close()
	}
}
