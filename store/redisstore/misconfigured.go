package redisstore

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrMisconfigured marks what Probe found wrong with how this process
// reaches Redis.
var ErrMisconfigured = errors.New("redis: misconfigured")

// Misconfigured reports whether err, from Ping or Probe, means that this
// process cannot use Redis however long it waits: a wrong password or
// user, no permission, a database that does not exist, or TLS on one
// side only or with a certificate it does not trust.
func Misconfigured(err error) bool {
	var rec tls.RecordHeaderError
	var cert *tls.CertificateVerificationError
	return errors.Is(err, ErrMisconfigured) || redis.IsAuthError(err) || redis.IsPermissionError(err) ||
		redis.HasErrorPrefix(err, "DB index is out of range") || errors.As(err, &rec) || errors.As(err, &cert)
}

// Probe tells why Redis does not answer, for a clear message at start:
// it dials the first address itself, within timeout, and returns an
// error wrapping ErrMisconfigured for TLS on one side only or a
// certificate not trusted, which the client's own retries report as a
// timeout or an EOF. It returns nil when it finds nothing wrong but the
// server being down or slow.
func Probe(ctx context.Context, o Options, timeout time.Duration) error {
	uo, err := ParseOptions(o)
	if err != nil {
		return err
	}
	addr := uo.Addrs[0]
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if uo.TLSConfig != nil {
		cfg := uo.TLSConfig.Clone()
		if cfg.ServerName == "" {
			cfg.ServerName, _, _ = net.SplitHostPort(addr)
		}
		switch err := handshake(ctx, addr, cfg); {
		case errors.Is(err, errDial):
			return nil // down: nothing to tell
		case err != nil:
			return fmt.Errorf("%w: TLS with %s failed (%w); is it a TLS port, with a certificate this host trusts?", ErrMisconfigured, addr, err)
		}
		return nil
	}
	// Plain: a Redis answers a PING at once, even to refuse it. One that
	// does not may want TLS: see whether the port completes a handshake.
	if answersPing(ctx, addr) {
		return nil
	}
	// Unverified: only to see whether the port speaks TLS; nothing is sent.
	if handshake(ctx, addr, &tls.Config{InsecureSkipVerify: true}) == nil {
		return fmt.Errorf("%w: %s speaks TLS; use rediss://", ErrMisconfigured, addr)
	}
	return nil
}

var errDial = errors.New("dial failed")

// handshake dials addr and completes a TLS handshake with cfg.
func handshake(ctx context.Context, addr string, cfg *tls.Config) error {
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("%w: %w", errDial, err)
	}
	defer conn.Close()
	return tls.Client(conn, cfg).HandshakeContext(ctx)
}

// answersPing reports whether addr answers a plain PING within half of
// what is left of ctx.
func answersPing(ctx context.Context, addr string) bool {
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return true // down, not misconfigured: nothing more to look at
	}
	defer conn.Close()
	if deadline, ok := ctx.Deadline(); ok {
		conn.SetDeadline(time.Now().Add(time.Until(deadline) / 2))
	}
	if _, err := io.WriteString(conn, "PING\r\n"); err != nil {
		return false
	}
	var first [1]byte
	_, err = conn.Read(first[:])
	return err == nil && strings.ContainsRune("+-$:*%_", rune(first[0])) // a RESP reply
}
