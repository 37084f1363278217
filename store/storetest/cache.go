package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

// testCacheRoundTrip: a miss, then the value set, then the value that
// overwrote it.
func testCacheRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, ok, err := s.Get(ctx, "absent"); ok || err != nil {
		t.Fatalf("Get(absent) = %v, %v; want a miss", ok, err)
	}
	if err := s.Set(ctx, "k", []byte("v1"), time.Minute); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := s.Get(ctx, "k"); !ok || err != nil || string(v) != "v1" {
		t.Fatalf("Get(k) = %q, %v, %v; want v1", v, ok, err)
	}
	s.Set(ctx, "k", []byte("v2"), time.Minute)
	if v, _, _ := s.Get(ctx, "k"); string(v) != "v2" {
		t.Errorf("Get(k) after overwrite = %q; want v2", v)
	}
}

// testCacheTTL: an entry is gone past its TTL, and no longer counts as
// one.
func testCacheTTL(t *testing.T, s store.Store) {
	ctx := context.Background()
	s.Set(ctx, "short", []byte("x"), 50*time.Millisecond)
	time.Sleep(120 * time.Millisecond)
	if _, ok, _ := s.Get(ctx, "short"); ok {
		t.Error("an entry outlived its TTL")
	}
	if u, err := s.CacheUsage(ctx); err != nil || u.Entries != 0 {
		t.Errorf("CacheUsage = %+v, %v; want no entries once the only one expired", u, err)
	}
}

// testCacheBounded: past its capacity, the cache keeps the entries
// written last, and counts those it dropped.
func testCacheBounded(t *testing.T, s store.Store) {
	ctx := context.Background()
	const n = CacheSize * 3 / 2
	for i := range n {
		if err := s.Set(ctx, fmt.Sprintf("k%d", i), []byte("v"), time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	u, err := s.CacheUsage(ctx)
	if err != nil || u.Capacity != CacheSize || u.Entries != CacheSize || u.Evicted != n-CacheSize {
		t.Fatalf("after %d entries, CacheUsage = %+v, %v; want %d entries, %[4]d capacity and %d evicted", n, u, err, CacheSize, n-CacheSize)
	}
	for _, i := range []int{n - 1, n - 50} {
		if _, ok, _ := s.Get(ctx, fmt.Sprintf("k%d", i)); !ok {
			t.Errorf("k%d, among the last written, was dropped", i)
		}
	}
	if _, ok, _ := s.Get(ctx, "k0"); ok {
		t.Error("k0, the first written, is still there")
	}
}
