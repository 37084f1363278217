package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store/memory"
)

// TestConformance sends every sample interaction through both modes,
// answered at once and deferred, and a registration and mention replies,
// to fake Discords whose referee checks each request against Discord's
// spec and its order (see referee). It then checks that every operation
// the bot may call, and every kind of initial response, was seen: a
// conformance test that checks nothing passes too.
//
// Every other test that talks to a fake Discord is refereed the same way.
func TestConformance(t *testing.T) {
	files, err := filepath.Glob("testdata/interactions/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample interactions: %v", err)
	}
	seen := map[string]int{}
	tally := func(f *fakeDiscord) {
		for op, n := range f.operations() {
			seen[op] += n
		}
	}

	// HTTP mode, with handlers that answer at once, late, or fail late:
	// initial responses of each type, edits, follow-ups and deletions.
	n := 0
	for _, mode := range []struct {
		name    string
		handler func(*testing.T) *Handler
	}{
		{"at once", func(t *testing.T) *Handler { return newTestHandler(t) }},
		{"with reader links", func(t *testing.T) *Handler {
			h := newTestHandler(t)
			h.publicURL = "https://bot.example.org/interview/"
			return h
		}},
		{"deferred", func(t *testing.T) *Handler { return slowHandler(t, time.Millisecond, 30*time.Millisecond) }},
		{"deferred, then failing", func(t *testing.T) *Handler {
			h := slowHandler(t, time.Millisecond, 0)
			h.answers = answerWith{slowRequote{h.answers, 30 * time.Millisecond}, func(context.Context, answer.Request) (answer.Answer, error) {
				time.Sleep(30 * time.Millisecond)
				return answer.Answer{}, errors.New("scripted failure")
			}}
			return h
		}},
		{"slow toggles", func(t *testing.T) *Handler {
			h := newTestHandler(t, withBudget(time.Millisecond))
			h.answers = slowRequote{h.answers, 30 * time.Millisecond}
			return h
		}},
	} {
		t.Run("http/"+mode.name, func(t *testing.T) {
			e := newSignedEndpoint(t, mode.handler(t))
			for _, file := range files {
				n++
				if status, out := e.post(t, fresh(t, file, n), time.Now(), nil); status != 200 && status != 204 {
					t.Errorf("%s: status %d: %s", file, status, out)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := e.srv.Wait(ctx); err != nil {
				t.Errorf("replies still going: %v", err)
			}
			tally(e.fake)
		})
	}

	t.Run("http/llm", func(t *testing.T) {
		e, _ := newLLMEndpoint(t, chat(faithfulReply), 2*time.Second)
		n++
		e.post(t, fresh(t, "testdata/interactions/ask_fr.json", n), time.Now(), nil)
		e.fake.next("/messages/@original")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		e.srv.Wait(ctx)
		tally(e.fake)
	})

	// Gateway mode: every interaction's callback goes through REST, and
	// mentions are answered in a thread, or in the channel.
	t.Run("gateway", func(t *testing.T) {
		// quiz_start.json starts a class session of one question: its
		// messages, and the edit that closes it, go through REST too.
		fake := newFakeDiscord(t)
		rest, _ := discordgo.New("Bot test-token")
		rest.Client = fake.client()
		h, _ := newClassHandler(t, memory.New(100), rest, 5*time.Millisecond, 5*time.Millisecond)
		ctx, stop := context.WithCancel(context.Background())
		ready := make(chan struct{})
		errc := make(chan error, 1)
		go func() {
			errc <- RunGateway(ctx, h, transport.GatewayConfig{Token: "test-token",
				Client: fake.client(), Ready: func() { close(ready) }}, true)
		}()
		select {
		case <-ready:
		case err := <-errc:
			t.Fatalf("RunGateway: %v", err)
		case <-time.After(5 * time.Second):
			t.Fatal("gateway never became ready")
		}
		for _, file := range files {
			var i struct{ Type int }
			json.Unmarshal(readPayload(t, strings.TrimPrefix(file, "testdata/")), &i)
			if i.Type == int(discordgo.InteractionPing) {
				continue // pings come over HTTP only
			}
			n++
			fake.events <- event{"INTERACTION_CREATE", fresh(t, file, n)}
			fake.next("/callback")
		}
		mention := readPayload(t, "message_mention.json")
		fake.events <- event{"MESSAGE_CREATE", mention}
		fake.next("/threads")
		fake.next("/messages")
		bare := strings.Replace(string(mention), "> Pourquoi l'appel de Paris est-il important ?", ">", 1)
		fake.events <- event{"MESSAGE_CREATE", json.RawMessage(bare)}
		fake.next("/channels/1180000000000000200/messages")
		waitFor(t, func() bool { return fake.operations()["PATCH /channels/{channel_id}/messages/{message_id}"] > 0 })
		stop()
		<-errc
		tally(fake)
	})

	t.Run("register", func(t *testing.T) {
		fake := newFakeDiscord(t)
		s, _ := discordgo.New("Bot test-token")
		s.Client = fake.client()
		for _, guild := range []string{"", "1180000000000000100"} {
			if err := transport.Register(context.Background(), s, "1180000000000000777", guild, Commands(newTestHandler(t).answers.Interview()), io.Discard); err != nil {
				t.Errorf("Register(guild %q): %v", guild, err)
			}
		}
		tally(fake)
	})

	var missing []string
	for _, o := range specOperations {
		if op := o.method + " " + o.path; seen[op] == 0 && o.method != "GET" {
			missing = append(missing, op)
		}
	}
	for _, typ := range []discordgo.InteractionResponseType{
		discordgo.InteractionResponsePong,
		discordgo.InteractionResponseChannelMessageWithSource,
		discordgo.InteractionResponseDeferredChannelMessageWithSource,
		discordgo.InteractionResponseDeferredMessageUpdate,
		discordgo.InteractionResponseUpdateMessage,
		discordgo.InteractionApplicationCommandAutocompleteResult,
	} {
		if seen[callbackOf(int(typ))] == 0 {
			missing = append(missing, callbackOf(int(typ)))
		}
	}
	if len(missing) > 0 {
		t.Errorf("never sent, so never checked: %s", strings.Join(missing, "; "))
	}
	if testing.Verbose() {
		for _, op := range slices.Sorted(maps.Keys(seen)) {
			t.Logf("%4d × %s", seen[op], op)
		}
	}
}

// callbackOf names an initial response of type typ among the operations
// the referee counts.
func callbackOf(typ int) string { return fmt.Sprintf("%s, type %d", opCallback, typ) }

// fresh is the sample interaction in file with an ID and token of its
// own, n, so that the referee tells its messages from the others'.
func fresh(t *testing.T, file string, n int) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var i map[string]json.RawMessage
	if err := json.Unmarshal(b, &i); err != nil {
		t.Fatal(err)
	}
	i["id"] = json.RawMessage(fmt.Sprintf(`"%d"`, 1180000000000010000+n))
	i["token"] = json.RawMessage(fmt.Sprintf(`"conformance-%d"`, n))
	out, _ := json.Marshal(i)
	return out
}

// slowRequote is an answer service whose re-quoting, for a language
// toggle, takes delay.
type slowRequote struct {
	Answers
	delay time.Duration
}

func (s slowRequote) Requote(refs []answer.Citation, l lang.Language) (answer.Answer, error) {
	time.Sleep(s.delay)
	return s.Answers.Requote(refs, l)
}
