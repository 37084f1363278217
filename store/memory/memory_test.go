package memory

import (
	"testing"

	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(*testing.T) store.Store { return New(1000) })
}

func TestCacheIsBounded(t *testing.T) {
	s := New(2)
	ctx := t.Context()
	for _, k := range []string{"a", "b", "c"} {
		s.Set(ctx, k, []byte(k), 1<<40)
	}
	if _, ok, _ := s.Get(ctx, "a"); ok {
		t.Error("the least recently used entry survived past the size bound")
	}
	if _, ok, _ := s.Get(ctx, "c"); !ok {
		t.Error("the newest entry was evicted")
	}
}
