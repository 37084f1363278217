package check

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/answer/reply"
	"github.com/interviewbot/interviewbot/llm"
)

// judgeReply is one reply of a judge's reply bank (testdata/check/judge):
// the raw text a stand-in model wrote for a prompt of key.tsv, without
// the sets' labels; an unfaithful one says what is wrong with it.
type judgeReply struct {
	ID           string `json:"id"`
	Reply        string `json:"reply"`
	WrongVerdict string `json:"wrong_verdict"`
	RightVerdict string `json:"right_verdict"`
	Why          string `json:"why"`
}

// judgeFigures are what a replay of honest replies measured, by kind of
// claim: the model's verdicts right, the verdicts shown right, and the
// model's right verdicts the checks refused.
type judgeFigures struct {
	all, modelRight, shownRight, refused map[string]int
	supportedWrongly                     int
}

func (f judgeFigures) String() string {
	var b strings.Builder
	total, right := 0, 0
	for _, k := range []string{"paraphrase_true", "paraphrase_false", "not_addressed"} {
		fmt.Fprintf(&b, "%s: shown right %d/%d (model right %d, its right verdicts refused %d); ", k, f.shownRight[k], f.all[k], f.modelRight[k], f.refused[k])
		total += f.all[k]
		right += f.shownRight[k]
	}
	fmt.Fprintf(&b, "paraphrases and unaddressed claims judged right %d/%d (%.0f%%); supported for a claim the text does not make %d", right, total, 100*float64(right)/float64(max(total, 1)), f.supportedWrongly)
	return b.String()
}

// bankServer serves, from a scripted OpenAI-compatible server through
// the real go-openai client, the reply set last, and records the user
// prompt sent.
type bankServer struct {
	current, asked atomic.Value
	checker        *Checker
	events         *fallbacks
}

func newBankServer(t *testing.T) *bankServer {
	s := &bankServer{events: &fallbacks{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Messages []struct{ Role, Content string }
		}
		json.NewDecoder(r.Body).Decode(&req)
		for _, m := range req.Messages {
			if m.Role == "user" {
				s.asked.Store(m.Content)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "bank", "object": "chat.completion", "model": "bank",
			"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": s.current.Load()}}},
			"usage":   map[string]int{"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
		})
	}))
	t.Cleanup(srv.Close)
	client := llm.New(llm.Config{BaseURL: srv.URL + "/v1", Model: "bank", Timeout: 5 * time.Second, JSONMode: true})
	s.checker = New(newChecker(t).ix, Options{Events: s.events, Model: &answer.Model{Name: "bank", Timeout: 5 * time.Second, Generate: client.Generate}})
	return s
}

// check checks it with reply served, and fails t if the prompt sent is
// not the one the reply was written for.
func (s *bankServer) check(t *testing.T, it item, reply, hash string) Result {
	t.Helper()
	s.current.Store(reply)
	s.asked.Store("")
	s.events.reasons = nil
	r := s.checker.Check(context.Background(), it.Text)
	if got := promptHash(s.asked.Load().(string)); got != hash {
		t.Fatalf("%s: the prompt is not the one its reply was written for (hash %s, want %s); write the bank again (TestDumpJudgePrompts)", it.ID, got, hash)
	}
	return r
}

// judgeKey maps a bank's prompt names to the set items they ask of, and
// the hash of the prompt each was written for.
type judgeKey map[string]struct {
	set  string
	item item
	hash string
}

func readJudgeKey(t *testing.T) judgeKey {
	t.Helper()
	items := map[string]item{}
	for _, set := range []string{"dev", "dev2", "heldout", "heldout_para", "heldout3"} {
		for _, it := range readItems(t, "../testdata/check/"+set+".jsonl") {
			items[set+"/"+it.ID] = it
		}
	}
	b, err := os.ReadFile("../testdata/check/judge/key.tsv")
	if err != nil {
		t.Fatal(err)
	}
	k := judgeKey{}
	for line := range strings.Lines(string(b)) {
		f := strings.Split(strings.TrimSpace(line), "\t")
		if len(f) != 3 {
			continue
		}
		set, _, _ := strings.Cut(f[1], "/")
		k[f[0]] = struct {
			set  string
			item item
			hash string
		}{set, items[f[1]], f[2]}
	}
	return k
}

func readJSONLines[T any](t testing.TB, path string) []T {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var out []T
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	return out
}

func readItems(t testing.TB, path string) []item { return readJSONLines[item](t, path) }

// modelVerdicts are the check's verdicts for the model's.
var modelVerdicts = map[string]Verdict{reply.Supported: Supported, reply.Contradicted: Contradicted, reply.NotAddressed: NotInInterview}

// replayHonest replays the honest replies to the prompts of the sets
// named, and measures the verdicts shown.
func replayHonest(t *testing.T, sets map[string]bool, explain bool) judgeFigures {
	key := readJudgeKey(t)
	s := newBankServer(t)
	f := judgeFigures{all: map[string]int{}, modelRight: map[string]int{}, shownRight: map[string]int{}, refused: map[string]int{}}
	for _, br := range readJSONLines[judgeReply](t, "../testdata/check/judge/honest.jsonl") {
		k, ok := key[br.ID]
		if !ok || !sets[k.set] {
			continue
		}
		it := k.item
		r := s.check(t, it, br.Reply, k.hash)
		mv, _ := reply.ParseVerdict(br.Reply)
		f.all[it.Kind]++
		if modelVerdicts[mv.Verdict] == it.Verdict {
			f.modelRight[it.Kind]++
		}
		switch {
		case r.Verdict == it.Verdict:
			f.shownRight[it.Kind]++
		case modelVerdicts[mv.Verdict] == it.Verdict:
			f.refused[it.Kind]++
			if explain {
				t.Logf("%s %s (%s): the model's right verdict %s refused (%s), %s shown: %q; reply %s", br.ID, it.ID, it.Kind, mv.Verdict, strings.Join(s.events.reasons, "; "), r.Verdict, it.Text, br.Reply)
			}
		case explain:
			t.Logf("%s %s (%s): the model says %s, want %s: %q", br.ID, it.ID, it.Kind, mv.Verdict, it.Verdict, it.Text)
		}
		if r.Verdict == Supported && it.Verdict != Supported {
			f.supportedWrongly++
		}
	}
	return f
}

// TestJudgeBank replays the stand-in model's honest replies to the dev
// set's claims (run with -v for what is lost), and its unfaithful replies
// to every set's: no wrong "supported" may be shown.
func TestJudgeBank(t *testing.T) {
	f := replayHonest(t, map[string]bool{"dev": true, "dev2": true}, testing.Verbose())
	t.Logf("dev and dev2, honest replies: %v", f)
	if f.supportedWrongly > 0 {
		t.Errorf("%d claims the text does not make shown as supported", f.supportedWrongly)
	}
	key := readJudgeKey(t)
	s := newBankServer(t)
	bad := readJSONLines[judgeReply](t, "../testdata/check/judge/unfaithful.jsonl")
	shown, supportedShown, supported := 0, 0, 0
	for _, br := range bad {
		k := key[br.ID]
		r := s.check(t, k.item, br.Reply, k.hash)
		if br.WrongVerdict == reply.Supported {
			supported++
		}
		if r.JudgedBy != "" && r.Verdict == modelVerdicts[br.WrongVerdict] {
			shown++
			if r.Verdict == Supported {
				supportedShown++
			}
			if testing.Verbose() {
				t.Logf("%s %s: a wrong %s shown (%s): %q", br.ID, k.item.ID, br.WrongVerdict, br.Why, k.item.Text)
			}
		}
	}
	t.Logf("unfaithful replies: wrong verdicts shown %d/%d; wrong 'supported' shown %d/%d", shown, len(bad), supportedShown, supported)
}

// TestJudgeHeldOut replays the honest replies to the held-out sets'
// claims: figures only (IB_HELDOUT=1).
func TestJudgeHeldOut(t *testing.T) {
	if os.Getenv("IB_HELDOUT") == "" {
		t.Skip("set IB_HELDOUT=1 to measure the judge on the held-out sets")
	}
	t.Logf("held-out (writer T, measured once), honest replies: %v", replayHonest(t, map[string]bool{"heldout3": true}, false))
	t.Logf("held-out (writer S), honest replies: %v", replayHonest(t, map[string]bool{"heldout_para": true}, false))
	t.Logf("held-out (writer Q), honest replies: %v", replayHonest(t, map[string]bool{"heldout": true}, false))
}
