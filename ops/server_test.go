package ops

import (
	"context"
	"testing"
)

// TestNewServer: every limit is set, and the idle timeout outlasts the
// 60 s that proxies keep their idle upstream connections by default.
func TestNewServer(t *testing.T) {
	s := NewServer(context.Background(), nil)
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Errorf("server %+v; want every timeout and the header limit set", s)
	}
	if s.IdleTimeout <= 60e9 {
		t.Errorf("idle timeout %v; want more than a proxy's 60 s", s.IdleTimeout)
	}
}
