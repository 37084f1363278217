package ops

import (
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/answer"
)

// Labels are the label values the metrics show from the start, each
// series at zero, so that dashboards and alerts see every series before
// the first interaction, not only those that have happened: a rate of
// errors is then 0, not absent. What ops knows itself is added to them:
// the cache statuses, the LLM's results, token kinds and the answer
// service's reasons (answer.Reasons), the store's failures and the
// gateway's events.
type Labels struct {
	// Commands and Outcomes are the interactions' (bot.MeterLabels):
	// every command is shown with every outcome.
	Commands, Outcomes []string
	// Fallbacks are reasons besides the answer service's that
	// LLMFallback may hear (check.Reasons).
	Fallbacks []string
	// Shards are the gateway shards this process runs: none when it
	// serves HTTP interactions, which have no gateway to be down.
	Shards []int
}

// The label values that ops names itself.
var (
	cacheStatuses = []string{answer.CacheHit, answer.CacheMiss, answer.CacheUnavailable, answer.CacheDisabled}
	llmResults    = []string{"returned", "failed"}
	tokenKinds    = []string{"prompt", "completion"}
	storeKinds    = []string{"unavailable", "cooling", "command"} // as redisstore reports them
	gatewayEvents = []string{"connected", "disconnected", "resumed"}
)

// zero adds every series of l, and of what ops knows itself, at zero.
func (m *Metrics) zero(l Labels) {
	for _, c := range l.Commands {
		for _, o := range l.Outcomes {
			m.interactions.WithLabelValues(c, o)
		}
		m.firstResponse.WithLabelValues(c)
		m.total.WithLabelValues(c)
	}
	for _, s := range cacheStatuses {
		m.cache.WithLabelValues(s)
	}
	for _, r := range llmResults {
		m.llmCalls.WithLabelValues(r)
	}
	for _, k := range tokenKinds {
		m.llmTokens.WithLabelValues(k)
	}
	for _, r := range answer.Reasons() {
		m.llmFallbacks.WithLabelValues(cause(r))
		m.llmDropped.WithLabelValues(cause(r))
	}
	for _, r := range l.Fallbacks {
		m.llmFallbacks.WithLabelValues(cause(r))
	}
	for _, k := range storeKinds {
		m.storeErrors.WithLabelValues(k)
	}
	for _, shard := range l.Shards {
		s := strconv.Itoa(shard)
		for _, e := range gatewayEvents {
			m.gateway.WithLabelValues(s, e)
		}
		m.connected.WithLabelValues(s) // 0 until it connects
	}
}

// cause is a reason as a label value: "call failed" is call_failed.
func cause(reason string) string { return strings.ReplaceAll(reason, " ", "_") }
