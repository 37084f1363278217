// Package ops is what an operator sees of a running bot: Prometheus
// metrics (/metrics), liveness (/healthz) and readiness (/readyz). It
// knows nothing of Discord: the bot, the answer service and the store
// report to it through small methods, and a nil *Metrics hears nothing.
package ops

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/store"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the bot's Prometheus metrics, in a registry of their own.
type Metrics struct {
	reg           *prometheus.Registry
	interactions  *prometheus.CounterVec
	firstResponse *prometheus.HistogramVec
	total         *prometheus.HistogramVec
	cache         *prometheus.CounterVec
	llmCalls      *prometheus.CounterVec
	llmFallbacks  *prometheus.CounterVec
	llmDropped    *prometheus.CounterVec
	llmTokens     *prometheus.CounterVec
	storeErrors   *prometheus.CounterVec
	gateway       *prometheus.CounterVec
	connected     *prometheus.GaugeVec

	mu     sync.Mutex
	shards map[int]bool // connected, by shard that reported
}

// latencyBuckets run from a cached answer (well under a millisecond) to
// Discord's 3-second limit and an LLM's answer.
var latencyBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 3, 5, 10, 15}

// NewMetrics returns the metrics, with Go's and the process's own, and
// every series of l at zero.
func NewMetrics(l Labels) *Metrics {
	m := &Metrics{
		reg:    prometheus.NewRegistry(),
		shards: make(map[int]bool),
		interactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_interactions_total",
			Help: "Interactions handled, by command and outcome (answered, closest, declined, meta, shown, refused, rate_limited, invalid, unavailable, error; a check's verdict).",
		}, []string{"command", "outcome"}),
		firstResponse: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "interviewbot_first_response_seconds",
			Help:    "Time from an interaction's arrival to its first response (the answer, or the deferral).",
			Buckets: latencyBuckets,
		}, []string{"command"}),
		total: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "interviewbot_interaction_seconds",
			Help:    "Time from an interaction's arrival to its last message sent.",
			Buckets: latencyBuckets,
		}, []string{"command"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_answer_cache_total",
			Help: "Answers by cache status: hit, miss, unavailable (the store failed; answered uncached), disabled.",
		}, []string{"status"}),
		llmCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_llm_calls_total",
			Help: "Calls to the LLM, by result: returned, or failed (no reply in time, or an error).",
		}, []string{"result"}),
		llmFallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_llm_fallbacks_total",
			Help: "LLM answers replaced by the extractive one, by cause.",
		}, []string{"cause"}),
		llmDropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_llm_claims_dropped_total",
			Help: "Claims of LLM answers left out, the rest shown, by cause.",
		}, []string{"cause"}),
		llmTokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_llm_tokens_total",
			Help: "Tokens of the LLM calls that returned, by kind: prompt or completion.",
		}, []string{"kind"}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_store_errors_total",
			Help: "Failed store calls, by kind: unavailable (no answer in time, refused; the store then rests), cooling (not tried while it rests), command (an error reply).",
		}, []string{"kind"}),
		gateway: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interviewbot_gateway_events_total",
			Help: "Gateway session events, by shard and event: connected, disconnected, resumed.",
		}, []string{"shard", "event"}),
		connected: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "interviewbot_gateway_connected",
			Help: "1 while the shard's gateway session is connected.",
		}, []string{"shard"}),
	}
	m.reg.MustRegister(m.interactions, m.firstResponse, m.total, m.cache, m.llmCalls, m.llmFallbacks, m.llmDropped, m.llmTokens,
		m.storeErrors, m.gateway, m.connected,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.zero(l)
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Interaction counts one interaction: its command, its outcome, and the
// time to its first response and to its end.
func (m *Metrics) Interaction(command, outcome string, first, total time.Duration) {
	if m == nil {
		return
	}
	m.interactions.WithLabelValues(command, outcome).Inc()
	if first > 0 { // 0: no response went out
		m.firstResponse.WithLabelValues(command).Observe(first.Seconds())
	}
	m.total.WithLabelValues(command).Observe(total.Seconds())
}

// Cache counts an answer by its cache status (answer.Cache*).
func (m *Metrics) Cache(status string) {
	if m == nil || status == "" {
		return
	}
	m.cache.WithLabelValues(status).Inc()
}

// Gateway records a shard's session event: "connected", "disconnected"
// or "resumed".
func (m *Metrics) Gateway(shard int, event string) {
	if m == nil {
		return
	}
	s := strconv.Itoa(shard)
	m.gateway.WithLabelValues(s, event).Inc()
	up := 0.0
	if event != "disconnected" {
		up = 1
	}
	m.connected.WithLabelValues(s).Set(up)
	m.mu.Lock()
	m.shards[shard] = up == 1
	m.mu.Unlock()
}

// WatchCache adds what the answer cache holds to the metrics, read from
// usage at each scrape: its entries and capacity (gauges), and the
// entries this process dropped for room (a counter). Entries are left
// out of a scrape when the store cannot tell.
func (m *Metrics) WatchCache(usage func(context.Context) (store.CacheUsage, error)) {
	if m == nil {
		return
	}
	m.reg.MustRegister(cacheCollector(usage))
}

var (
	cacheEntries = prometheus.NewDesc("interviewbot_answer_cache_entries",
		"Answers in the cache (with Redis, the cache that every instance shares).", nil, nil)
	cacheCapacity = prometheus.NewDesc("interviewbot_answer_cache_capacity",
		"The most answers the cache keeps (CACHE_SIZE); past it, those written longest ago go.", nil, nil)
	cacheEvictions = prometheus.NewDesc("interviewbot_answer_cache_evictions_total",
		"Answers this process dropped from the cache for room.", nil, nil)
)

// cacheCollector collects the answer cache's usage.
type cacheCollector func(context.Context) (store.CacheUsage, error)

func (c cacheCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- cacheEntries
	ch <- cacheCapacity
	ch <- cacheEvictions
}

func (c cacheCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), checkTimeout)
	defer cancel()
	u, err := c(ctx)
	if err == nil {
		ch <- prometheus.MustNewConstMetric(cacheEntries, prometheus.GaugeValue, float64(u.Entries))
	}
	ch <- prometheus.MustNewConstMetric(cacheCapacity, prometheus.GaugeValue, float64(u.Capacity))
	ch <- prometheus.MustNewConstMetric(cacheEvictions, prometheus.CounterValue, float64(u.Evicted))
}

// StoreError counts a failed store call of kind "unavailable",
// "cooling" or "command".
func (m *Metrics) StoreError(kind string) {
	if m == nil {
		return
	}
	m.storeErrors.WithLabelValues(kind).Inc()
}

// Events returns next with the LLM's calls, fallbacks and tokens
// counted: it implements answer.Events.
func (m *Metrics) Events(next answer.Events) answer.Events {
	if next == nil {
		next = answer.NoEvents{}
	}
	if m == nil {
		return next
	}
	return events{m, next}
}

type events struct {
	m    *Metrics
	next answer.Events
}

func (e events) LLMUsage(u answer.Usage) {
	e.m.llmCalls.WithLabelValues("returned").Inc()
	e.m.llmTokens.WithLabelValues("prompt").Add(float64(u.PromptTokens))
	e.m.llmTokens.WithLabelValues("completion").Add(float64(u.CompletionTokens))
	e.next.LLMUsage(u)
}

func (e events) LLMFallback(reason string, err error) {
	if strings.HasSuffix(reason, "call failed") { // an answer's, or a check's ("check: call failed")
		e.m.llmCalls.WithLabelValues("failed").Inc()
	}
	e.m.llmFallbacks.WithLabelValues(cause(reason)).Inc()
	e.next.LLMFallback(reason, err)
}

func (e events) LLMClaimDropped(reason string, err error) {
	e.m.llmDropped.WithLabelValues(cause(reason)).Inc()
	e.next.LLMClaimDropped(reason, err)
}

func (e events) CacheFailed(err error)  { e.next.CacheFailed(err) }
func (e events) CacheRefused(err error) { e.next.CacheRefused(err) }
