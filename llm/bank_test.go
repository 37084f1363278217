package llm_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/llm"
	"github.com/interviewbot/interviewbot/prompts"
	"github.com/interviewbot/interviewbot/retrieval"
)

// bankReply is one reply of a reply bank (testdata/replies): the raw
// text a model of some style returned for a captured prompt, labelled by
// its writer before it was ever run.
type bankReply struct {
	ID       string `json:"id"`
	Prompt   string `json:"prompt"`
	Style    string `json:"style"`  // frontier, 8b or small
	Manner   string `json:"manner"` // honest, sloppy or hostile
	Faithful bool   `json:"faithful"`
	Expect   string `json:"expect"` // shown, not covered or refused
	Bad      string `json:"bad"`    // in an unfaithful reply, what must never be shown
	Why      string `json:"why"`
	Reply    string `json:"reply"`
}

// bankFigures are what a bank's replay measured.
type bankFigures struct {
	faithful, faithfulShown int               // faithful replies expected shown, and shown
	byStyle                 map[string][2]int // style: faithful expected shown, shown
	notCovered, keptOut     int               // honest "not covered" replies, and answered extractively
	unfaithful, badShown    int               // unfaithful replies, and those whose bad words reached the user
	badQuotes               int               // quotes shown that are not the interview's, or not whose they say
	claimsDropped           int               // of faithful replies shown, claims left out
	maxTokens               int               // the longest prompt sent, estimated
}

func (f bankFigures) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "faithful shown %d/%d (%.2f)", f.faithfulShown, f.faithful, ratio(f.faithfulShown, f.faithful))
	for _, s := range slices.Sorted(func(yield func(string) bool) {
		for k := range f.byStyle {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, ", %s %d/%d (%.2f)", s, f.byStyle[s][1], f.byStyle[s][0], ratio(f.byStyle[s][1], f.byStyle[s][0]))
	}
	fmt.Fprintf(&b, "; not covered kept out %d/%d; unfaithful shown %d/%d; bad quotes %d; claims left out of faithful replies shown %d; longest prompt about %d tokens", f.keptOut, f.notCovered, f.badShown, f.unfaithful, f.badQuotes, f.claimsDropped, f.maxTokens)
	return b.String()
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// replayBank serves each reply of the bank in dir (dir.jsonl, and the
// prompts it was written against in dir/) from a scripted
// OpenAI-compatible server, through the real go-openai client, and
// measures what the user is shown.
func replayBank(t *testing.T, dir string, explain bool) bankFigures {
	t.Helper()
	replies := readBank(t, dir+".jsonl")
	var current atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		content(current.Load().(string))(w)
	}))
	t.Cleanup(srv.Close)
	iv := corpus.Default()
	f := bankFigures{byStyle: map[string][2]int{}}
	for _, r := range replies {
		question, ids := readPrompt(t, filepath.Join(dir, r.Prompt+".txt"))
		c := llm.New(llm.Config{BaseURL: srv.URL + "/v1", Model: "bank", Timeout: 5 * time.Second, JSONMode: true})
		var asked atomic.Value
		events := &countDrops{}
		svc := answer.NewService(retrieval.New(iv, retrieval.DefaultOptions()), answer.Options{Events: events, Model: &answer.Model{Name: "bank", Timeout: 5 * time.Second,
			Generate: func(ctx context.Context, p answer.Prompt) (answer.Completion, error) {
				asked.Store(p.User)
				if n := prompts.EstimateTokens(p.System) + prompts.EstimateTokens(p.User); n > f.maxTokens {
					f.maxTokens = n
				}
				return c.Generate(ctx, p)
			}}})
		current.Store(r.Reply)
		a, err := svc.Answer(context.Background(), answer.Request{Text: question, LLM: true})
		if err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
		if user, _ := asked.Load().(string); !offersAll(user, ids) {
			t.Fatalf("%s: the prompt for %q no longer offers the sentences %s was written against; capture the prompts again (answer's TestCapturePrompts)", r.ID, question, r.Prompt)
		}
		shown := a.Mode == answer.LLMMode
		f.badQuotes += badQuotes(iv, a)
		switch {
		case r.Expect == "not covered":
			f.notCovered++
			if !shown {
				f.keptOut++
			} else if explain {
				t.Logf("%s (%s, %s): an honest 'not covered' shown as an answer:\n%s", r.ID, r.Style, r.Manner, a.Text)
			}
		case r.Faithful:
			f.faithful++
			s := f.byStyle[r.Style]
			s[0]++
			if shown {
				f.faithfulShown++
				s[1]++
				f.claimsDropped += events.n
				if explain && events.n > 0 {
					t.Logf("%s (%s, %s): faithful, %d claims left out: %s", r.ID, r.Style, r.Manner, events.n, strings.Join(events.why, "; "))
				}
			} else if explain {
				t.Logf("%s (%s, %s): faithful, not shown (%s)", r.ID, r.Style, r.Manner, r.Why)
			}
			f.byStyle[r.Style] = s
		default:
			f.unfaithful++
			if r.Bad != "" && shown && strings.Contains(foldSpace(a.Text), foldSpace(r.Bad)) {
				f.badShown++
				if explain {
					t.Logf("%s (%s, %s): unfaithful, shown (%s):\n%s", r.ID, r.Style, r.Manner, r.Why, a.Text)
				}
			}
		}
	}
	return f
}

// countDrops counts the claims left out of an answer.
type countDrops struct {
	answer.NoEvents
	n   int
	why []string
}

func (c *countDrops) LLMClaimDropped(reason string, err error) {
	c.n++
	c.why = append(c.why, fmt.Sprintf("%s (%v)", reason, err))
}

// foldSpace is s with its white space made single spaces.
func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// badQuotes counts the quotes of a that are not the interview's words,
// sentence for sentence, or not the speaker's they are given to.
func badQuotes(iv *corpus.Interview, a answer.Answer) int {
	n := 0
	for _, c := range a.Citations {
		p := iv.Paragraph(c.ID)
		switch {
		case p == nil || c.From < 0 || c.To > len(p.FR) || c.From >= c.To:
			n++
		case c.Quote != strings.Join(p.FR[c.From:c.To], " "):
			n++
		case (c.Speaker == iv.Interviewee) != p.IsInterviewee():
			n++
		}
	}
	return n
}

func readBank(t *testing.T, path string) []bankReply {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var out []bankReply
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r bankReply
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// readPrompt returns a captured prompt's question and the IDs of the
// sentences it offers.
func readPrompt(t *testing.T, path string) (question string, ids []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(b)) {
		if q, ok := strings.CutPrefix(line, "Question: "); ok && question == "" {
			question = strings.TrimSpace(q)
		}
		if rest, ok := strings.CutPrefix(line, "["); ok {
			if id, _, ok := strings.Cut(rest, "] ("); ok {
				ids = append(ids, id)
			}
		}
	}
	return question, ids
}

// offersAll reports whether a user prompt offers every sentence ID.
func offersAll(user string, ids []string) bool {
	for _, id := range ids {
		if !strings.Contains(user, "\n["+id+"] ") {
			return false
		}
	}
	return true
}

// TestReplyBank replays the dev bank of replies (written blind: see
// testdata/replies/README.md) and holds it to its bars: faithful replies
// shown, per style too; no unfaithful claim, and no quote that is not
// the interview's, shown. Run with -v for what it misjudges.
func TestReplyBank(t *testing.T) {
	f := replayBank(t, "testdata/replies/dev", testing.Verbose())
	t.Logf("dev bank: %v", f)
	if ratio(f.faithfulShown, f.faithful) < 0.90 {
		t.Errorf("faithful replies shown %d of %d; want at least 90%%", f.faithfulShown, f.faithful)
	}
	for s, n := range f.byStyle {
		if ratio(n[1], n[0]) < 0.80 {
			t.Errorf("%s: faithful replies shown %d of %d; want at least 80%%", s, n[1], n[0])
		}
	}
	if f.maxTokens > prompts.MaxPromptTokens {
		t.Errorf("a prompt of about %d tokens; want at most %d", f.maxTokens, prompts.MaxPromptTokens)
	}
	if f.badShown*50 > f.unfaithful || f.badQuotes > 0 {
		t.Errorf("unfaithful claims shown %d of %d (want at most 1 in 50), quotes not the interview's %d (want none)", f.badShown, f.unfaithful, f.badQuotes)
	}
}

// TestReplyBankHeldOut measures the held-out bank, written by another
// writer and never read to tune the checks: it says its figures, never
// which replies it misjudges (go test ./llm -run HeldOut -v, with
// IB_HELDOUT=1).
func TestReplyBankHeldOut(t *testing.T) {
	if os.Getenv("IB_HELDOUT") == "" {
		t.Skip("set IB_HELDOUT=1 to measure the held-out reply bank")
	}
	for _, part := range []string{"heldout", "heldout2"} {
		t.Logf("%s bank: %v", part, replayBank(t, "testdata/replies/"+part, false))
	}
}
