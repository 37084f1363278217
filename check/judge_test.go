package check

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/llm"
)

// TestJudge checks the model's verdicts through the real go-openai
// client against a scripted local server: a verdict is shown only with
// the sentences it rests on, checked; anything else leaves the offline
// result, with no verdict of the model's.
func TestJudge(t *testing.T) {
	s := newBankServer(t)
	const offline Verdict = "offline" // the offline result, unchanged
	tt := []struct {
		name, claim, reply string
		want               Verdict
		judged             bool
		evidence           string // the ID of the first sentence shown
	}{
		{"supported, and borne out", "Smith says companies must not stay silent any more",
			`{"verdict": "supported", "cites": ["a5.2/3"], "text_says": "Businesses must not stay silent."}`, Supported, true, "a5.2"},
		{"contradicted, and borne out", "Smith thinks companies matter more than governments",
			`{"verdict": "contradicted", "cites": ["a2.1/4"], "text_says": "The role of governments is more important than that of companies."}`, Contradicted, true, "a2.1"},
		{"not addressed", "Smith says the United States signed the Paris Call",
			`{"verdict": "not_addressed", "cites": [], "text_says": ""}`, NotInInterview, true, ""},
		{"no passage: the model is not asked", "Smith says Microsoft paid a ransom after an attack",
			`{"verdict": "supported", "cites": ["a5.2/3"], "text_says": "x"}`, offline, false, ""},
		{"supported, citing what does not say it", "Smith says companies must not stay silent any more",
			`{"verdict": "supported", "cites": ["a7.1/1"], "text_says": "Espionage is old."}`, offline, false, ""},
		{"supported, citing nothing offered", "Smith says companies must not stay silent any more",
			`{"verdict": "supported", "cites": ["a99.1/1"], "text_says": "x"}`, offline, false, ""},
		{"contradicted, what the text says instead made up", "Smith thinks companies matter more than governments",
			`{"verdict": "contradicted", "cites": ["a2.1/4"], "text_says": "Smith says governments will soon ban all tech companies."}`, offline, false, ""},
		{"contradicted, about something else", "Smith thinks companies matter more than governments",
			`{"verdict": "contradicted", "cites": ["a7.1/1"], "text_says": "Espionage has been part of what states do since they first existed."}`, offline, false, ""},
		{"an unknown verdict", "Smith says companies must not stay silent any more", `{"verdict": "mostly true", "cites": ["a5.2/3"]}`, offline, false, ""},
		{"not JSON", "Smith says companies must not stay silent any more", "Yes, he says that.", offline, false, ""},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			s.current.Store(tc.reply)
			r := s.checker.Check(context.Background(), tc.claim)
			if tc.want == offline {
				tc.want = s.checker.Offline().Check(context.Background(), tc.claim).Verdict
			}
			if r.Verdict != tc.want || (r.JudgedBy != "") != tc.judged {
				t.Fatalf("Check(%q) with %s = %s, judged by %q; want %s, judged %v", tc.claim, tc.reply, r.Verdict, r.JudgedBy, tc.want, tc.judged)
			}
			if tc.evidence != "" && (len(r.Evidence) == 0 || r.Evidence[0].ID != tc.evidence || r.Evidence[0].Speaker != "Brad Smith") {
				t.Errorf("evidence %+v; want Brad Smith's sentence of %s first", r.Evidence, tc.evidence)
			}
		})
	}
}

// TestJudgeFails: a model that fails (an error, a hang past its timeout)
// leaves the offline result, and the failure is reported.
func TestJudgeFails(t *testing.T) {
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "hang") {
			select {
			case <-hang:
			case <-r.Context().Done():
			}
			return
		}
		http.Error(w, `{"error": {"message": "overloaded"}}`, http.StatusInternalServerError)
	}))
	defer srv.Close()
	defer close(hang)
	claim := "Smith says companies must not stay silent any more"
	offline := newChecker(t).Check(context.Background(), claim)
	for _, path := range []string{"/v1", "/hang/v1"} {
		events := &fallbacks{}
		client := llm.New(llm.Config{BaseURL: srv.URL + path, Model: "m", Timeout: time.Second})
		c := New(newChecker(t).ix, Options{Events: events, Model: &answer.Model{Name: "m", Timeout: 200 * time.Millisecond, Generate: client.Generate}})
		start := time.Now()
		r := c.Check(context.Background(), claim)
		if r.Verdict != offline.Verdict || r.JudgedBy != "" || len(events.reasons) != 1 {
			t.Errorf("%s: %s judged by %q, fallbacks %q; want the offline %s and one fallback", path, r.Verdict, r.JudgedBy, events.reasons, offline.Verdict)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: took %v past the model's timeout", path, took)
		}
	}
}

type fallbacks struct {
	answer.NoEvents
	reasons []string
}

func (f *fallbacks) LLMFallback(reason string, err error) {
	f.reasons = append(f.reasons, fmt.Sprintf("%s: %v", reason, err))
}

// FuzzJudge: whatever a model replies, checking ends, a verdict of the
// model's stands only with evidence, and the evidence is the
// interviewee's sentences, as published.
func FuzzJudge(f *testing.F) {
	f.Add("Smith thinks companies matter more than governments", `{"verdict": "contradicted", "cites": ["a2.1/4"], "text_says": "The role of governments is more important than that of companies."}`)
	f.Add("Smith says companies must not stay silent", "```json\n{\"label\": \"true\", \"ids\": [\"a5.2/3\", \"a5.2/3\", \"intro.1/1\"]}\n```")
	f.Add("il dit que", `{"verdict": "supported", "cites": ["a5.2/1-9", "a5.2"], "text_says": "« x »"}`)
	var reply atomic.Value
	m := &answer.Model{Name: "fuzz", Timeout: time.Minute, Generate: func(context.Context, answer.Prompt) (answer.Completion, error) {
		return answer.Completion{Text: reply.Load().(string)}, nil
	}}
	c := New(newChecker(f).ix, Options{Model: m})
	f.Fuzz(func(t *testing.T, claim, text string) {
		reply.Store(text)
		r := c.Check(context.Background(), claim)
		if r.JudgedBy == "" || r.Verdict == NotInInterview {
			return
		}
		if len(r.Evidence) == 0 {
			t.Fatalf("Check(%q) with %q: %s with no evidence", claim, text, r.Verdict)
		}
		for _, e := range r.Evidence {
			p := c.iv.Paragraph(e.ID)
			if p == nil || !slices.Contains(p.FR, e.Quote) || (e.Speaker != c.iv.Interviewee && !saysOthers(claim)) {
				t.Fatalf("Check(%q) with %q: evidence %+v", claim, text, e)
			}
		}
	})
}

// TestJudgeRefuses: wrong verdicts a model may give, each of which the
// checks must keep from being shown (found by review).
func TestJudgeRefuses(t *testing.T) {
	s := newBankServer(t)
	tt := []struct{ name, claim, reply string }{
		{"a framing word does not hide the sentence turned around", "Smith says that businesses should stay silent",
			`{"verdict": "supported", "cites": ["a5.2/2", "a5.2/3"], "text_says": "Businesses stayed silent."}`},
		{"contradicted by its own words", "Smith says businesses must not stay silent",
			`{"verdict": "contradicted", "cites": ["a5.2/3"], "text_says": "Businesses must not stay silent."}`},
		{"contradicted by its own words, in French", "Smith dit que le rôle des gouvernements est plus important que celui des entreprises",
			`{"verdict": "contradicted", "cites": ["a2.1/4"], "text_says": "Le rôle des gouvernements est plus important que celui des entreprises."}`},
		{"a comparison the other way round", "Smith says the role of companies is more important than that of governments",
			`{"verdict": "supported", "cites": ["a2.1/4"], "text_says": "The role of governments is more important than that of companies."}`},
		{"a message that claims nothing", "Il a vraiment dit ça ?",
			`{"verdict": "supported", "cites": ["a7.1/1"], "text_says": "Espionage is as old as states."}`},
		{"someone else's words", "Trump says the role of governments is more important than that of companies",
			`{"verdict": "supported", "cites": ["a2.1/4"], "text_says": "The role of governments is more important than that of companies."}`},
		{"a name only the newspaper writes", "Emmanuel Macron thinks the role of governments is more important than that of companies",
			`{"verdict": "supported", "cites": ["a2.1/4"], "text_says": "The role of governments is more important than that of companies."}`},
		{"the newspaper's words given to him", "Brad Smith told the newspaper that Microsoft plays a surprising part in cyberspace",
			`{"verdict": "supported", "cites": ["intro.1/1"], "text_says": "The newspaper says Microsoft plays a surprising part in cyberspace."}`},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			s.current.Store(tc.reply)
			if r := s.checker.Check(context.Background(), tc.claim); r.JudgedBy != "" {
				t.Errorf("Check(%q) with %s = %s, judged by the model; want its verdict refused", tc.claim, tc.reply, r.Verdict)
			}
		})
	}
	// A model that finds nothing does not undo whose words the bot found
	// the claim to be.
	s.current.Store(`{"verdict": "not_addressed", "cites": []}`)
	claim := "Smith says Microsoft plays a surprising part in cyberspace"
	if off := s.checker.Offline().Check(context.Background(), claim); off.Verdict == WrongSpeaker {
		if r := s.checker.Check(context.Background(), claim); r.Verdict != WrongSpeaker {
			t.Errorf("Check(%q) = %s; want the offline wrong_speaker kept", claim, r.Verdict)
		}
	}
}
