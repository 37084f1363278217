package storetest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A Topology is a Redis deployment to test against: how to reach it, as
// the bot's configuration says it (REDIS_URL, REDIS_SENTINEL_MASTER).
type Topology struct {
	Name           string // "single", "cluster" or "sentinel"
	URL            string
	SentinelMaster string
}

// SentinelMaster is the master name of the Sentinel topologies that
// .ci/run and StartSentinel start.
const SentinelMaster = "ibmaster"

// Topologies returns the deployments the store contract runs against:
// the single server at RedisURL; the Cluster at REDIS_CLUSTER_URL and
// the Sentinel setup at REDIS_SENTINEL_URL, which .ci/run starts, or
// else ones the test starts itself, with redis-server and redis-cli.
func Topologies(t *testing.T) []Topology {
	t.Helper()
	out := []Topology{{Name: "single", URL: RedisURL(t)}}
	if u := os.Getenv("REDIS_CLUSTER_URL"); u != "" {
		out = append(out, Topology{Name: "cluster", URL: u})
	} else {
		out = append(out, StartCluster(t))
	}
	if u := os.Getenv("REDIS_SENTINEL_URL"); u != "" {
		out = append(out, Topology{Name: "sentinel", URL: u, SentinelMaster: SentinelMaster})
	} else {
		out = append(out, StartSentinel(t).Topology)
	}
	return out
}

// freePort returns a free TCP port on loopback.
func freePort(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// redisCLI runs redis-cli with args and returns its output.
func redisCLI(t testing.TB, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("redis-cli")
	if err != nil {
		Unavailable(t, "redis-cli is not installed")
	}
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("redis-cli %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// waitFor polls ok every 50 ms for up to d.
func waitFor(d time.Duration, ok func() bool) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok() {
			return true
		}
	}
	return ok()
}

// StartCluster starts a Redis Cluster of three masters on loopback,
// stopped when the test ends, and returns it as the bot would reach it:
// redis://first?addr=second&addr=third.
func StartCluster(t testing.TB) Topology {
	t.Helper()
	dir := t.TempDir()
	var nodes []string
	for range 3 {
		s := StartRedis(t, "--cluster-enabled", "yes", "--cluster-config-file", filepath.Join(dir, "nodes-{port}.conf"),
			"--cluster-node-timeout", "2000", "--dir", dir)
		nodes = append(nodes, s.Addr)
	}
	redisCLI(t, append(append([]string{"--cluster", "create"}, nodes...), "--cluster-replicas", "0", "--cluster-yes")...)
	for _, n := range nodes {
		host, port, _ := net.SplitHostPort(n)
		if !waitFor(10*time.Second, func() bool {
			return strings.Contains(redisCLI(t, "-h", host, "-p", port, "cluster", "info"), "cluster_state:ok")
		}) {
			t.Fatalf("cluster node %s never reached cluster_state:ok", n)
		}
	}
	return Topology{Name: "cluster", URL: fmt.Sprintf("redis://%s?addr=%s&addr=%s", nodes[0], nodes[1], nodes[2])}
}

// ClusterSetup is a Redis Cluster of three masters, each with a
// replica, started by a test.
type ClusterSetup struct {
	Topology
	Nodes []*Server // by address: Node
}

// Node returns the node listening at addr, or nil.
func (c *ClusterSetup) Node(addr string) *Server {
	for _, n := range c.Nodes {
		if n.Addr == addr {
			return n
		}
	}
	return nil
}

// StartClusterReplicas starts a Redis Cluster of three masters and a
// replica of each on loopback (a node is failed after two seconds
// without an answer), stopped when the test ends.
func StartClusterReplicas(t testing.TB) *ClusterSetup {
	t.Helper()
	dir := t.TempDir()
	c := &ClusterSetup{}
	var addrs []string
	for range 6 {
		// A replica may take over however long ago it last heard from
		// its master: one just started may not have synced yet.
		s := StartRedis(t, "--cluster-enabled", "yes", "--cluster-config-file", filepath.Join(dir, "nodes-{port}.conf"),
			"--cluster-node-timeout", "2000", "--cluster-replica-validity-factor", "0", "--dir", dir)
		c.Nodes = append(c.Nodes, s)
		addrs = append(addrs, s.Addr)
	}
	redisCLI(t, append(append([]string{"--cluster", "create"}, addrs...), "--cluster-replicas", "1", "--cluster-yes")...)
	for _, n := range addrs {
		if !ClusterOK(t, n, 10*time.Second) {
			t.Fatalf("cluster node %s never reached cluster_state:ok", n)
		}
		host, port, _ := net.SplitHostPort(n)
		if !waitFor(10*time.Second, func() bool {
			out := redisCLI(t, "-h", host, "-p", port, "info", "replication")
			return strings.Contains(out, "role:master") || strings.Contains(out, "master_link_status:up")
		}) {
			t.Fatalf("cluster replica %s never synced with its master", n)
		}
	}
	c.Topology = Topology{Name: "cluster", URL: fmt.Sprintf("redis://%s?addr=%s&addr=%s", addrs[0], addrs[1], addrs[2])}
	return c
}

// ClusterOK reports whether the cluster node at addr says
// cluster_state:ok within d.
func ClusterOK(t testing.TB, addr string, d time.Duration) bool {
	host, port, _ := net.SplitHostPort(addr)
	return waitFor(d, func() bool {
		out, err := exec.Command("redis-cli", "-h", host, "-p", port, "cluster", "info").CombinedOutput()
		return err == nil && strings.Contains(string(out), "cluster_state:ok")
	})
}

// SentinelSetup is a primary, two replicas and a Sentinel watching them,
// started by a test.
type SentinelSetup struct {
	Topology
	Primary  *Server
	Replicas []*Server
	Sentinel *Server
}

// StartSentinel starts a primary, two replicas of it and one Sentinel
// (quorum 1, a primary down after one second) on loopback, stopped when
// the test ends. With two replicas, one still follows the primary that
// Sentinel promotes when the first primary dies.
func StartSentinel(t testing.TB) *SentinelSetup {
	t.Helper()
	primary := StartRedis(t)
	host, port, _ := net.SplitHostPort(primary.Addr)
	var replicas []*Server
	for range 2 {
		r := StartRedis(t, "--replicaof", host, port)
		_, rport, _ := net.SplitHostPort(r.Addr)
		if !waitFor(10*time.Second, func() bool {
			return strings.Contains(redisCLI(t, "-p", rport, "info", "replication"), "master_link_status:up")
		}) {
			t.Fatal("a replica never synchronised with its primary")
		}
		replicas = append(replicas, r)
	}
	conf := filepath.Join(t.TempDir(), "sentinel.conf")
	sport := freePort(t)
	err := os.WriteFile(conf, []byte(strings.Join([]string{
		"port " + sport,
		"bind 127.0.0.1",
		"sentinel monitor " + SentinelMaster + " " + host + " " + port + " 1",
		"sentinel down-after-milliseconds " + SentinelMaster + " 1000",
		"sentinel failover-timeout " + SentinelMaster + " 5000",
		"",
	}, "\n")), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	bin, _ := exec.LookPath("redis-server")
	sentinel := &Server{Addr: "127.0.0.1:" + sport, args: []string{bin, conf, "--sentinel"}}
	sentinel.Start(t)
	if !waitFor(10*time.Second, func() bool {
		return strings.Count(redisCLI(t, "-p", sport, "sentinel", "replicas", SentinelMaster), "slave") >= 2
	}) {
		t.Fatal("the Sentinel never found both replicas")
	}
	return &SentinelSetup{
		Topology: Topology{Name: "sentinel", URL: "redis://" + sentinel.Addr, SentinelMaster: SentinelMaster},
		Primary:  primary, Replicas: replicas, Sentinel: sentinel,
	}
}
