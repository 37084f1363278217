package answer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/prompts"
	"github.com/interviewbot/interviewbot/retrieval"
)

// TestCapturePrompts writes the prompts the bot would send a model for
// each question of the file CAPTURE_QUESTIONS (one a line) to the folder
// CAPTURE_PROMPTS, as p001.txt…, for a reply bank written against them;
// questions that go to no model (declined, about the interview, asking
// for a translation or the journalist's words) are skipped. It runs only
// when both are set.
func TestCapturePrompts(t *testing.T) {
	in, dir := os.Getenv("CAPTURE_QUESTIONS"), os.Getenv("CAPTURE_PROMPTS")
	if in == "" || dir == "" {
		t.Skip("set CAPTURE_QUESTIONS and CAPTURE_PROMPTS to capture prompts")
	}
	b, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	var asked []string
	s := newService(t, Options{Model: &Model{Name: "capture", Timeout: 1, Generate: func(_ context.Context, p Prompt) (Completion, error) {
		asked = append(asked, "SYSTEM:\n"+p.System+"\nUSER:\n"+p.User)
		return Completion{}, fmt.Errorf("captured")
	}}})
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	n := 0
	for q := range strings.Lines(string(b)) {
		if q = strings.TrimSpace(q); q == "" {
			continue
		}
		asked = asked[:0]
		s.Answer(context.Background(), Request{Text: q, LLM: true})
		if len(asked) == 0 {
			continue
		}
		n++
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%03d.txt", n)), []byte(asked[0]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d prompts (prompt version %s, retrieval %v)", n, prompts.Version, retrieval.DefaultOptions().K1)
}
