// Command httpcheck runs interviewbot's serve-http as a process, behind
// a fake Discord and a fake OpenAI-compatible server on loopback, and
// measures what issue 18 is about:
//
//   - lost: signed interactions sent by a client that closes its
//     connection after reading (HTTP/1.0, Connection: close, as nginx
//     talks to its upstream) and by one that keeps it alive; counts the
//     deferred /ask replies never edited and the /source replies whose
//     follow-up never came, and the log lines that call a reply an error.
//   - prealloc: connections that announce a 1 MiB body and send none;
//     the process's RSS and Go heap in use while they wait.
//   - bulk: connections that send 600 KiB of an announced 1 MiB body
//     and stall; RSS, heap, and how many were refused at once.
//   - idle: keep-alive connections left idle after one request, and
//     connections that stall in the middle of a body, on the
//     interactions listener and on METRICS_ADDR's; how many the server
//     still holds after a while.
//
// Usage, from the repository's root:
//
//	(cd bench/httpcheck && go build -o /tmp/httpcheck .)
//	go build -o /tmp/interviewbot ./cmd/interviewbot
//	/tmp/httpcheck -bin /tmp/interviewbot [-n 200] [-conns 1000] [-idle 65s] [checks…]
//
// It sends traffic to 127.0.0.1 only, bounded in count and time.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/ed25519"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	bin := flag.String("bin", "", "the interviewbot binary (required)")
	n := flag.Int("n", 200, "interactions of each kind per client mode (lost)")
	conc := flag.Int("c", 8, "clients sending at once (lost)")
	conns := flag.Int("conns", 1000, "connections (prealloc, idle)")
	idle := flag.Duration("idle", 80*time.Second, "how long connections stay idle before counting (idle)")
	payloads := flag.String("payloads", "bot/testdata/interactions", "the sample interactions")
	addr := flag.String("addr", "", "where serve-http listens (default: a free loopback port)")
	via := flag.String("via", "", "send the interactions (lost) through this proxy's address, such as an nginx in front of -addr")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: httpcheck -bin PATH [flags] [lost] [prealloc] [bulk] [idle]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *bin == "" {
		flag.Usage()
		os.Exit(2)
	}
	checks := flag.Args()
	if len(checks) == 0 {
		checks = []string{"lost", "prealloc", "bulk", "idle"}
	}
	for _, c := range checks {
		b := start(*bin, *payloads, *addr, *via)
		switch c {
		case "lost":
			b.lost(*n, *conc)
		case "prealloc":
			b.prealloc(*conns)
		case "bulk":
			b.bulk(*conns / 5)
		case "idle":
			b.idle(*conns, *idle)
		default:
			log.Fatalf("unknown check %q", c)
		}
		b.stop()
	}
}

// bot is one serve-http process and its fakes.
type bot struct {
	cmd         *exec.Cmd
	addr, ops   string // the interactions' and METRICS_ADDR's listeners
	via         string // where lost sends the interactions: addr, or a proxy
	priv        ed25519.PrivateKey
	ask, source []byte
	discord     *fakeDiscord
	logs        *logCount
}

func start(bin, payloads, addr, via string) *bot {
	pub, priv, _ := ed25519.GenerateKey(nil)
	d := newFakeDiscord()
	llm := serve(http.HandlerFunc(fakeLLM))
	b := &bot{priv: priv, discord: d, addr: cmp.Or(addr, freeAddr()), ops: freeAddr(), logs: &logCount{}}
	b.via = cmp.Or(via, b.addr)
	b.ask = mustRead(filepath.Join(payloads, "ask_fr.json"))
	b.source = mustRead(filepath.Join(payloads, "source.json"))
	b.cmd = exec.Command(bin, "serve-http", "--addr", b.addr)
	b.cmd.Env = append(os.Environ(),
		"DISCORD_PUBLIC_KEY="+hex.EncodeToString(pub),
		"DISCORD_TOKEN=fake-token",
		"DISCORD_API_URL="+d.url+"/api/v10",
		"METRICS_ADDR="+b.ops,
		"OPENAI_BASE_URL="+llm+"/v1",
		"OPENAI_API_KEY=none",
		"REDIS_URL=",
		"RATE_USER_PER_MINUTE=0", "RATE_SERVER_PER_MINUTE=0",
		"LOG_LEVEL=info",
	)
	b.cmd.Stdout = os.Stdout
	b.cmd.Stderr = b.logs
	if err := b.cmd.Start(); err != nil {
		log.Fatal(err)
	}
	for range 100 {
		if resp, err := http.Get("http://" + b.ops + "/healthz"); err == nil {
			resp.Body.Close()
			return b
		}
		time.Sleep(50 * time.Millisecond)
	}
	log.Fatal("serve-http did not start")
	return nil
}

func (b *bot) stop() {
	b.cmd.Process.Signal(os.Interrupt)
	b.cmd.Wait()
}

// lost sends n deferred /ask and n /source 5 interactions in each client
// mode, then waits for their edits and follow-ups.
func (b *bot) lost(n, conc int) {
	for _, mode := range []string{"close", "keepalive"} {
		errorsBefore := b.logs.errors.Load()
		var tokens []string
		var mu sync.Mutex
		var sent atomic.Int64
		jobs := make(chan []byte)
		var wg sync.WaitGroup
		client := &http.Client{Timeout: 10 * time.Second}
		for range conc {
			wg.Go(func() {
				for body := range jobs {
					t := time.Now()
					err := b.send(client, mode, body)
					if took := time.Since(t); took > time.Second {
						log.Printf("%s: a request took %v", mode, took)
					}
					if err != nil {
						log.Printf("%s: %v", mode, err)
						continue
					}
					sent.Add(1)
				}
			})
		}
		start := time.Now()
		for k := range n {
			for kind, sample := range map[string][]byte{"ask": b.ask, "source": b.source} {
				token := fmt.Sprintf("%s-%s-%d-%d", mode, kind, k, time.Now().UnixNano())
				mu.Lock()
				tokens = append(tokens, token)
				mu.Unlock()
				jobs <- withToken(sample, token, k)
			}
		}
		close(jobs)
		wg.Wait()
		took := time.Since(start)
		// Every reply has its edit or follow-up within seconds; wait for
		// the last ones, up to 15 s.
		deadline := time.Now().Add(15 * time.Second)
		missing := 0
		for {
			missing = 0
			for _, tok := range tokens {
				if !b.discord.done(tok) {
					missing++
				}
			}
			if missing == 0 || time.Now().After(deadline) {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		lostAsk, lostSource := 0, 0
		for _, tok := range tokens {
			if !b.discord.done(tok) {
				if strings.Contains(tok, "-ask-") {
					lostAsk++
				} else {
					lostSource++
				}
			}
		}
		fmt.Printf("lost %-9s sent %d in %v: deferred /ask never edited %d of %d; /source 5 follow-up never sent %d of %d; log lines with outcome=error %d\n",
			mode, sent.Load(), took.Round(time.Millisecond), lostAsk, n, lostSource, n, b.logs.errors.Load()-errorsBefore)
	}
}

// send posts body signed, as a closing HTTP/1.0 client or through a
// keep-alive client, and reads the response whole.
func (b *bot) send(client *http.Client, mode string, body []byte) error {
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	sig := hex.EncodeToString(ed25519.Sign(b.priv, append([]byte(stamp), body...)))
	if mode == "keepalive" {
		req, _ := http.NewRequest("POST", "http://"+b.via+"/interactions", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Signature-Ed25519", sig)
		req.Header.Set("X-Signature-Timestamp", stamp)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
		if resp.StatusCode != 200 {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}
	c, err := net.DialTimeout("tcp", b.via, 5*time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(c, "POST /interactions HTTP/1.0\r\nHost: %s\r\nConnection: close\r\nContent-Type: application/json\r\nX-Signature-Ed25519: %s\r\nX-Signature-Timestamp: %s\r\nContent-Length: %d\r\n\r\n", b.via, sig, stamp, len(body))
	c.Write(body)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != 200 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil // closed at once, as nginx does
}

// prealloc opens conns connections that each announce a 1 MiB body and
// send none, then reads the process's RSS and heap; twice, since memory
// the first round freed is touched when the second reuses it.
func (b *bot) prealloc(conns int) {
	rss0, heap0 := b.rss(), b.heap()
	for round := 1; round <= 2; round++ {
		var open []net.Conn
		for range conns {
			c, err := net.Dial("tcp", b.addr)
			if err != nil {
				log.Printf("prealloc: %v", err)
				break
			}
			announce(c, b.addr)
			open = append(open, c)
		}
		time.Sleep(3 * time.Second)
		fmt.Printf("prealloc round %d: %d connections announcing 1 MiB, sending nothing: RSS %d → %d MB, heap in use %d → %d MB\n",
			round, len(open), rss0>>20, b.rss()>>20, heap0>>20, b.heap()>>20)
		for _, c := range open {
			c.Close()
		}
		time.Sleep(time.Second)
	}
}

// bulk opens conns connections that each announce a 1 MiB body, send
// 600 KiB of it and stall, then reads the process's RSS and heap, and
// how many were refused at once (503).
func (b *bot) bulk(conns int) {
	rss0, heap0 := b.rss(), b.heap()
	var open []net.Conn
	var refused atomic.Int64
	chunk := bytes.Repeat([]byte("x"), 600<<10)
	var wg sync.WaitGroup
	for range conns {
		c, err := net.Dial("tcp", b.addr)
		if err != nil {
			log.Printf("bulk: %v", err)
			break
		}
		open = append(open, c)
		wg.Go(func() {
			announce(c, b.addr)
			c.Write(chunk)
		})
		go func() {
			c.SetReadDeadline(time.Now().Add(10 * time.Second))
			if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil && resp.StatusCode == http.StatusServiceUnavailable {
				refused.Add(1)
			}
		}()
	}
	wg.Wait()
	time.Sleep(2 * time.Second)
	fmt.Printf("bulk %d connections sending 600 KiB of an announced 1 MiB, then stalling: RSS %d → %d MB, heap in use %d → %d MB, %d refused at once (503)\n",
		len(open), rss0>>20, b.rss()>>20, heap0>>20, b.heap()>>20, refused.Load())
	for _, c := range open {
		c.Close()
	}
}

// announce writes the headers of an interaction with a 1 MiB body, with
// signature headers that pass every check that can come before the
// body: anyone can forge these without the key.
func announce(w io.Writer, addr string) {
	fmt.Fprintf(w, "POST /interactions HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nX-Signature-Ed25519: %s\r\nX-Signature-Timestamp: %d\r\nContent-Length: 1048576\r\n\r\n",
		addr, strings.Repeat("00", 64), time.Now().Unix())
}

// idle leaves conns keep-alive connections idle after one request, and
// conns/5 stalled in a body, on each listener, and counts after wait how
// many the server has closed.
func (b *bot) idle(conns int, wait time.Duration) {
	for _, l := range []struct{ name, addr, path string }{
		{"interactions", b.addr, "/healthz"},
		{"METRICS_ADDR", b.ops, "/healthz"},
	} {
		var idleClosed, slowClosed atomic.Int64
		var open []net.Conn
		for range conns {
			c, err := net.Dial("tcp", l.addr)
			if err != nil {
				log.Printf("idle: %v", err)
				break
			}
			open = append(open, c)
			fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", l.path)
			go func() {
				r := bufio.NewReader(c)
				if resp, err := http.ReadResponse(r, nil); err == nil {
					io.Copy(io.Discard, resp.Body)
				}
				if _, err := r.ReadByte(); err != nil { // the server closed it
					idleClosed.Add(1)
				}
			}()
		}
		slow := conns / 5
		for range slow {
			c, err := net.Dial("tcp", l.addr)
			if err != nil {
				break
			}
			open = append(open, c)
			fmt.Fprintf(c, "POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"type\":")
			go func() {
				if _, err := io.Copy(io.Discard, c); err == nil || !isClosedByUs(err) {
					slowClosed.Add(1)
				}
			}()
		}
		fds0 := b.fds()
		time.Sleep(wait)
		fmt.Printf("idle %-12s after %v: %d of %d idle keep-alive connections still held, %d of %d slow-body connections still held (open files %d → %d)\n",
			l.name, wait, int64(conns)-idleClosed.Load(), conns, int64(slow)-slowClosed.Load(), slow, fds0, b.fds())
		for _, c := range open {
			c.Close()
		}
	}
}

func isClosedByUs(err error) bool {
	return strings.Contains(err.Error(), "use of closed network connection")
}

func (b *bot) rss() int64 {
	s, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", b.cmd.Process.Pid))
	m := regexp.MustCompile(`VmRSS:\s+(\d+) kB`).FindSubmatch(s)
	if m == nil {
		return 0
	}
	kb, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return kb << 10
}

func (b *bot) heap() int64 {
	resp, err := http.Get("http://" + b.ops + "/metrics")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "go_memstats_heap_inuse_bytes "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return int64(f)
		}
	}
	return 0
}

func (b *bot) fds() int {
	ents, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", b.cmd.Process.Pid))
	return len(ents)
}
