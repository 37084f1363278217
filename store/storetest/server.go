package storetest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Server is a redis-server that a test started, for one that must stop,
// pause or misconfigure Redis without touching the shared one.
type Server struct {
	Addr   string // host:port on loopback
	cmd    *exec.Cmd
	exited chan struct{} // closed when cmd has exited
	args   []string
}

// StartRedis starts a redis-server of the test's own on a free loopback
// port, with extra arguments (such as "--requirepass", "x"; "{port}" in
// one stands for the port), and stops it when the test ends. Without
// redis-server it skips the test, or fails it in CI.
func StartRedis(t testing.TB, args ...string) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		Unavailable(t, "redis-server is not installed")
	}
	// The port is free when chosen, not always when the server binds it:
	// another test's server may take it first, and ours exits. Then
	// another port.
	for attempt := 1; ; attempt++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		_, port, _ := net.SplitHostPort(addr)
		// A directory of its own: a primary writes its snapshot there
		// to sync a replica, and a cluster node its configuration.
		s := &Server{Addr: addr, args: []string{bin, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", t.TempDir()}}
		for _, a := range args {
			s.args = append(s.args, strings.ReplaceAll(a, "{port}", port))
		}
		err = s.start(t)
		if err == nil {
			return s
		}
		if attempt == 3 {
			t.Fatal(err)
		}
	}
}

// Start starts the server again after Kill.
func (s *Server) Start(t testing.TB) {
	t.Helper()
	if err := s.start(t); err != nil {
		t.Fatal(err)
	}
}

// start starts the server and waits until it listens: it, not another
// process on its port.
func (s *Server) start(t testing.TB) error {
	cmd := exec.Command(s.args[0], s.args[1:]...)
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	s.cmd, s.exited = cmd, exited
	t.Cleanup(func() { cmd.Process.Kill(); <-exited })
	for range 100 { // until it listens
		select {
		case <-exited:
			return fmt.Errorf("redis-server on %s exited at start (its port taken?)", s.Addr)
		default:
		}
		if c, err := net.Dial("tcp", s.Addr); err == nil {
			c.Close()
			// A server that could not bind exits at once: one that
			// still runs a moment later is the one listening.
			select {
			case <-exited:
				return fmt.Errorf("redis-server on %s exited at start (its port taken?)", s.Addr)
			case <-time.After(50 * time.Millisecond):
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("redis-server on %s did not start", s.Addr)
}

// Kill stops the server at once, as a crash would.
func (s *Server) Kill() {
	s.cmd.Process.Kill()
	<-s.exited
}

// Signal sends sig to the server (SIGSTOP hangs it, SIGCONT resumes it).
func (s *Server) Signal(sig os.Signal) error { return s.cmd.Process.Signal(sig) }

// StartRedisTLS is StartRedis for a TLS-only redis-server, whose
// certificate (self-signed, for 127.0.0.1) no client trusts.
func StartRedisTLS(t testing.TB) *Server {
	t.Helper()
	dir := t.TempDir()
	cert, key := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writeSelfSigned(t, cert, key)
	return StartRedis(t, "--port", "0", "--tls-port", "{port}", "--tls-cert-file", cert, "--tls-key-file", key,
		"--tls-ca-cert-file", cert, "--tls-auth-clients", "no")
}

// writeSelfSigned writes a self-signed certificate for 127.0.0.1 and its
// key, in PEM.
func writeSelfSigned(t testing.TB, certFile, keyFile string) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "interviewbot test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}, IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, &tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
}
