package check

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/answer"
)

// TestDumpJudgePrompts writes the prompt the judge sends for each claim
// without quotation of the check sets, shuffled and numbered, for a reply
// bank's writer, who sees neither the sets nor their labels
// (IB_DUMP_JUDGE=dir; IB_DUMP_SETS=dev2,… for some sets only, and
// IB_DUMP_PREFIX for the prompts' names, "j" by default), and the key
// from their names to the sets' items.
func TestDumpJudgePrompts(t *testing.T) {
	dir := os.Getenv("IB_DUMP_JUDGE")
	if dir == "" {
		t.Skip("set IB_DUMP_JUDGE=dir to write the judge's prompts")
	}
	var prompt answer.Prompt
	m := &answer.Model{Name: "dump", Timeout: 1e9, Generate: func(_ context.Context, p answer.Prompt) (answer.Completion, error) {
		prompt = p
		return answer.Completion{}, errors.New("dumped")
	}}
	c := New(newChecker(t).ix, Options{Model: m})
	type entry struct{ key, text, user string }
	var all []entry
	sets, prefix := []string{"dev", "heldout", "heldout_para"}, cmp.Or(os.Getenv("IB_DUMP_PREFIX"), "j")
	if v := os.Getenv("IB_DUMP_SETS"); v != "" {
		sets = strings.Split(v, ",")
	}
	for _, set := range sets {
		fh, err := os.Open("../testdata/check/" + set + ".jsonl")
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			var it item
			if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
				t.Fatal(err)
			}
			prompt = answer.Prompt{}
			if r := c.Check(context.Background(), it.Text); len(r.Spans) > 0 || prompt.User == "" {
				continue // quotations, or nothing to ask
			}
			all = append(all, entry{set + "/" + it.ID, "SYSTEM:\n" + prompt.System + "\nUSER:\n" + prompt.User, prompt.User})
		}
		fh.Close()
	}
	rand.New(rand.NewPCG(7, 23)).Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	var key strings.Builder
	for i, e := range all {
		name := filepath.Join(dir, fmt.Sprintf("%s%03d.txt", prefix, i+1))
		if err := os.WriteFile(name, []byte(e.text), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&key, "%s%03d\t%s\t%s\n", prefix, i+1, e.key, promptHash(e.user))
	}
	if err := os.WriteFile(filepath.Join(dir, "key.tsv"), []byte(key.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d prompts in %s", len(all), dir)
}

// promptHash identifies a user prompt: a reply of the bank was written
// for the prompt of its hash.
func promptHash(user string) string {
	h := sha256.Sum256([]byte(user))
	return hex.EncodeToString(h[:6])
}
