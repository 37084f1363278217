package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/customid"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
)

// snowflakeAt is a Discord ID made at t, as a message's.
func snowflakeAt(t time.Time) string {
	return strconv.FormatInt((t.UnixMilli()-1420070400000)<<22, 10)
}

func inLocale(i *discordgo.Interaction, l discordgo.Locale) *discordgo.Interaction {
	i.Locale = l
	return i
}

// TestClassroomGolden renders the classroom commands as Discord
// receives them.
func TestClassroomGolden(t *testing.T) {
	h := newTestHandler(t)
	m := h.classroom
	for _, tc := range []struct {
		name string
		r    *Reply
	}{
		{"glossary_fr", reply(h, inLocale(command("glossary", 0, opt("term", "paris-call")), discordgo.French))},
		{"glossary_en", reply(h, command("glossary", 0, opt("term", "WannaCry")))},
		{"glossary_list", reply(h, command("glossary", 0))},
		{"timeline_en", reply(h, command("timeline", 0))},
		{"timeline_fr", reply(h, inLocale(command("timeline", 0), discordgo.French))},
		{"discuss_fr", reply(h, inLocale(command("discuss", 0, opt("exchange", 3.0)), discordgo.French))},
		{"discuss_en", reply(h, command("discuss", 0, opt("exchange", 7.0), opt("level", "university")))},
		{"quiz_who_en", quizQuestion(h.iv, must(m.Question("w-a7.1-0")), lang.English, false, time.Time{})},
		{"quiz_gap_fr", quizQuestion(h.iv, must(m.Question(firstGap(t, m))), lang.French, false, time.Time{})},
		{"quiz_comprehension_fr", quizQuestion(h.iv, must(m.Question("c-c1.1")), lang.French, false, time.Time{})},
		// The critical notes on the source's sentences follow it.
		{"discuss_notes_fr", reply(h, inLocale(command("discuss", 0, opt("exchange", 7.0), opt("level", "secondary")), discordgo.French))},
		{"quiz_answer_notes_en", reply(h, quizClick("111", snowflakeAt(time.Now()), quizID(must(m.Question("w-a7.1-5"))), 1))},
		// A wrong answer is told why it is wrong.
		{"quiz_answer_why_fr", reply(h, inLocale(quizClick("112", snowflakeAt(time.Now().Add(time.Second)), quizID(must(m.Question("c-c7.3"))), (must(m.Question("c-c7.3")).Answer+1)%3), discordgo.French))},
		{"discuss_source_en", reply(h, command("discuss", 0, opt("exchange", 4.0), opt("kind", "source")))},
		{"discuss_open_fr", reply(h, inLocale(command("discuss", 0, opt("exchange", 8.0), opt("kind", "open")), discordgo.French))},
		{"hint_teacher_en", reply(h, hintClick(customid.Hint{Item: "d4.4", Lang: lang.English}.Format()))},
		{"hint_model_fr", reply(h, hintClick(customid.Hint{Item: "o8.3", Lang: lang.French}.Format()))},
	} {
		t.Run(tc.name, func(t *testing.T) { golden(t, "classroom_"+tc.name, tc.r) })
	}
}

// hintClick is a teacher's click (one who manages messages) on a
// /discuss reply's hint button.
func hintClick(customID string) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: "9", Type: discordgo.InteractionMessageComponent, GuildID: "g1", ChannelID: "c1", Locale: "en-US",
		Member: &discordgo.Member{User: &discordgo.User{ID: "111"}, Permissions: discordgo.PermissionManageMessages},
		Data:   discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
	}
}

// TestDiscussHints: every item /discuss shows has a button that shows,
// to the clicker alone, its notes for the teacher or its model answer;
// a forged or stale button gets a clear refusal.
func TestDiscussHints(t *testing.T) {
	h := newTestHandler(t)
	sourced := 0 // exchanges with prompts on the interview as a document
	for _, kind := range []string{"prompts", "source", "open"} {
		for _, ex := range h.iv.Exchanges() {
			r := reply(h, command("discuss", 0, opt("exchange", float64(ex.Number)), opt("kind", kind)))
			if len(r.Components) == 0 {
				if kind != "source" {
					t.Errorf("/discuss %s on exchange %d: no buttons (%q)", kind, ex.Number, r.Messages[0])
				}
				continue
			}
			if kind == "source" {
				sourced++
				if strings.Contains(r.Messages[0], "**For discussion**") && slices.ContainsFunc(h.classroom.Prompts(ex.Number, ""), func(p *classroom.Prompt) bool {
					return p.Angle != classroom.AngleSource && strings.Contains(r.Messages[0], "· "+p.ID+"\n")
				}) {
					t.Errorf("/discuss source on exchange %d shows a prompt of another angle: %q", ex.Number, r.Messages[0])
				}
			}
			for _, b := range r.Components[0].(discordgo.ActionsRow).Components {
				id := b.(discordgo.Button).CustomID
				hint := reply(h, hintClick(id))
				item, _ := customid.ParseHint(id)
				if !hint.Ephemeral || !strings.Contains(hint.Messages[0], "· "+item.Item+"\n") ||
					!strings.HasPrefix(hint.Messages[0], "**Notes for the teacher**") && !strings.HasPrefix(hint.Messages[0], "**Model answer**") {
					t.Errorf("%s: %+v; want the notes, to the clicker alone", id, hint)
				}
			}
		}
	}
	if sourced == 0 {
		t.Error("/discuss source: no exchange has a prompt on the interview as a document")
	}
	student := hintClick(customid.Hint{Item: "o7.3", Lang: lang.English}.Format())
	student.Member.Permissions = 0
	if r := reply(h, student); !r.Ephemeral || !strings.Contains(r.Messages[0], "for whoever leads the class") {
		t.Errorf("a student's click: %q; want a refusal, to them alone", r.Messages[0])
	}
	for _, tc := range []struct{ id, want string }{
		{customid.Hint{Item: "d9.9", Lang: lang.English}.Format(), "no longer in the class material"},
		{"hn:D7:en", "don't recognise this action"},
	} {
		if r := reply(h, hintClick(tc.id)); !strings.Contains(strings.ToLower(r.Messages[0]), tc.want) {
			t.Errorf("%s: %q; want %q", tc.id, r.Messages[0], tc.want)
		}
	}
}

// quizID is the custom ID of q's first button.
func quizID(q classroom.Question) string {
	return customid.Quiz{Question: q.ID, Version: q.Version()}.Format()
}

func must(q classroom.Question, err error) classroom.Question {
	if err != nil {
		panic(err)
	}
	return q
}

// firstGap returns a fill-the-gap question's ID, the same each run.
func firstGap(t *testing.T, m *classroom.Material) string {
	q, err := m.Pick(rand.New(rand.NewPCG(1, 2)), classroom.FillGap, 1)
	if err != nil {
		t.Fatal(err)
	}
	return q.ID
}

// otherInterview answers over one interview but says it is another.
type otherInterview struct {
	Answers
	iv *corpus.Interview
}

func (o otherInterview) Interview() *corpus.Interview { return o.iv }

// quizClick is a click on choice c of a question posted as message msg,
// whose buttons it carries, as Discord sends them.
func quizClick(user, msg, customID string, c int) *discordgo.Interaction {
	id, _ := customid.ParseQuiz(customID)
	i := foreignClick(user, msg, customID, customID, c)
	id.Choice = c
	i.Data = discordgo.MessageComponentInteractionData{CustomID: id.Format(), ComponentType: discordgo.ButtonComponent}
	return i
}

// foreignClick is a click on choice c of the question of clicked, on a
// message posted with posted's buttons.
func foreignClick(user, msg, posted, clicked string, c int) *discordgo.Interaction {
	p, _ := customid.ParseQuiz(posted)
	var buttons []discordgo.MessageComponent
	for n := range len(md.Letters) {
		p.Choice = n
		buttons = append(buttons, &discordgo.Button{CustomID: p.Format(), Style: discordgo.SecondaryButton, Label: string(md.Letters[n])})
	}
	id, _ := customid.ParseQuiz(clicked)
	id.Choice = c
	return &discordgo.Interaction{
		ID: "9", Type: discordgo.InteractionMessageComponent, GuildID: "g1", ChannelID: "c1", Locale: "en-US",
		Member:  &discordgo.Member{User: &discordgo.User{ID: user}},
		Message: &discordgo.Message{ID: msg, Components: []discordgo.MessageComponent{&discordgo.ActionsRow{Components: buttons}}},
		Data:    discordgo.MessageComponentInteractionData{CustomID: id.Format(), ComponentType: discordgo.ButtonComponent},
	}
}

// TestQuizClicks plays one question with several students, on the
// in-memory store and on Redis: each first answer counts once, and only
// its clicker sees the result; the leaderboard pings no one.
func TestQuizClicks(t *testing.T) {
	stores := map[string]func(t *testing.T) store.Store{
		"memory": func(*testing.T) store.Store { return memory.New(100) },
		"redis": func(t *testing.T) store.Store {
			return redisState(t, redisPrefix(t, "quiz"))
		},
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			h := newStateHandler(t, open(t), unlimited)
			post := reply(h, command("quiz", 0, opt("question", nil, opt("kind", "who"), opt("exchange", 2.0))))
			if len(post.Components) != 1 || post.Ephemeral {
				t.Fatalf("/quiz question = %+v; want a public question with a row of buttons", post)
			}
			row := post.Components[0].(discordgo.ActionsRow)
			id := row.Components[0].(discordgo.Button).CustomID
			parsed, err := customid.ParseQuiz(id)
			if err != nil {
				t.Fatal(err)
			}
			q, _ := h.classroom.Question(parsed.Question)
			wrong := (q.Answer + 1) % len(q.Choices)
			msg := snowflakeAt(time.Now())

			for _, step := range []struct {
				user   string
				choice int
				want   string
			}{
				{"111", q.Answer, "✅ Right"},
				{"111", wrong, "already answered"}, // a second click does not count
				{"222", wrong, "❌ Not quite"},
				{"333", q.Answer, "✅ Right"},
			} {
				r := reply(h, quizClick(step.user, msg, id, step.choice))
				if !r.Ephemeral || !strings.Contains(r.Messages[0], step.want) {
					t.Errorf("user %s clicks %c: %q (ephemeral %v); want %q, to them alone", step.user, md.Letters[step.choice], r.Messages[0], r.Ephemeral, step.want)
				}
			}
			if r := reply(h, quizClick("111", msg, id, q.Answer)); strings.Contains(r.Messages[0], "The source") {
				t.Errorf("a repeat click shows the source again: %q", r.Messages[0])
			}
			board := reply(h, command("quiz", 0, opt("leaderboard", nil)))
			resp := board.Response()
			text := resp.Data.Content
			for _, want := range []string{"1. <@111> — 1 point(s) of 1", "2. <@333> — 1 point(s) of 1", "3. <@222> — 0 point(s) of 1"} {
				if !strings.Contains(text, want) {
					t.Errorf("leaderboard %q; want %q", text, want)
				}
			}
			if am := resp.Data.AllowedMentions; am == nil || len(am.Parse) != 0 || len(am.Users) != 0 {
				t.Errorf("leaderboard allowed_mentions = %+v; want none", am)
			}
			if tally, _ := h.store.Tally(context.Background(), "g1", msg, len(q.Choices)); tally[q.Answer] != 2 || tally[wrong] != 1 {
				t.Errorf("tally %v; want 2 right, 1 wrong", tally)
			}

			// A question posted over a week ago is closed; a click whose
			// choices no longer match the question's is refused.
			old := snowflakeAt(time.Now().Add(-store.QuizRoundTTL - time.Hour))
			if r := reply(h, quizClick("444", old, id, q.Answer)); !strings.Contains(r.Messages[0], "closed") {
				t.Errorf("click on an old question: %q; want it closed", r.Messages[0])
			}
			stale := strings.Replace(id, ":"+parsed.Version+":", ":0000:", 1)
			if r := reply(h, quizClick("444", msg, stale, q.Answer)); !strings.Contains(r.Messages[0], "changed") {
				t.Errorf("click on a changed question: %q; want it refused", r.Messages[0])
			}
		})
	}
}

// TestClassroomLimits: every classroom reply, in both languages, fits
// Discord's limits.
func TestClassroomLimits(t *testing.T) {
	h := newTestHandler(t)
	m := h.classroom
	var replies []*Reply
	for _, l := range []discordgo.Locale{discordgo.French, discordgo.EnglishUS} {
		for _, tm := range m.Glossary() {
			replies = append(replies, reply(h, inLocale(command("glossary", 0, opt("term", tm.ID)), l)))
		}
		replies = append(replies, reply(h, inLocale(command("glossary", 0), l)), reply(h, inLocale(command("timeline", 0), l)))
		for _, ex := range h.iv.Exchanges() {
			replies = append(replies, reply(h, inLocale(command("discuss", 0, opt("exchange", float64(ex.Number))), l)))
		}
	}
	var ids []string
	r := rand.New(rand.NewPCG(3, 4))
	for _, k := range classroom.Kinds {
		for range 300 {
			q, _ := m.Pick(r, k, 0)
			ids = append(ids, q.ID)
		}
	}
	msg := snowflakeAt(time.Now())
	for _, id := range ids {
		q, _ := m.Question(id)
		for _, l := range []lang.Language{lang.French, lang.English} {
			r := quizQuestion(h.iv, q, l, false, time.Time{})
			replies = append(replies, r)
			custom := r.Components[0].(discordgo.ActionsRow).Components[0].(discordgo.Button).CustomID
			replies = append(replies, reply(h, quizClick("555", msg, custom, 0)))
		}
	}
	for _, r := range replies {
		for _, text := range r.Messages {
			if n := utf8.RuneCountInString(text); n > maxContent || n == 0 {
				t.Errorf("a message of %d characters: %.80q", n, text)
			}
		}
		for _, row := range r.Components {
			buttons := row.(discordgo.ActionsRow).Components
			if len(buttons) > 5 {
				t.Errorf("%d buttons in a row", len(buttons))
			}
			for _, b := range buttons {
				b := b.(discordgo.Button)
				if len(b.CustomID) > customid.MaxLen || utf8.RuneCountInString(b.Label) > 80 {
					t.Errorf("button %q (%q) over Discord's limits", b.Label, b.CustomID)
				}
			}
		}
	}
	if len(replies) < 100 {
		t.Errorf("%d replies checked", len(replies))
	}
}

// TestClassroomOtherInterview: with an interview the material was not
// written for, the classroom commands say so.
func TestClassroomOtherInterview(t *testing.T) {
	iv := *corpus.Default()
	iv.Paragraphs = iv.Paragraphs[:6]
	h := NewHandler(otherInterview{newAnswers(nil, nil), &iv}, Options{State: memory.New(10), Local: memory.New(1)})
	for _, name := range []string{"glossary", "timeline", "discuss"} {
		if r := reply(h, command(name, 0)); !strings.Contains(r.Messages[0], "original interview") || !r.Ephemeral {
			t.Errorf("/%s on another interview = %q; want it not available", name, r.Messages[0])
		}
	}
}

// TestReaderLinks: with a public URL, every citation links to its
// passage in the web reader (an exchange to its section); without one,
// no link is offered.
func TestReaderLinks(t *testing.T) {
	h := newTestHandler(t)
	links := func(r *Reply) []string {
		var out []string
		for _, row := range r.Components {
			for _, c := range row.(discordgo.ActionsRow).Components {
				if b, ok := c.(discordgo.Button); ok && b.Style == discordgo.LinkButton {
					out = append(out, b.URL)
				}
			}
		}
		return out
	}
	ask := inLocale(command("ask", 0, opt("question", "Les Etats vont-ils arrêter de s'espionner ?")), discordgo.French)
	if got := links(reply(h, ask)); len(got) != 0 {
		t.Errorf("links without PUBLIC_URL: %v", got)
	}
	h.publicURL = "https://bot.example.org/"
	q, _ := h.classroom.Question("w-a7.1-0")
	for _, tc := range []struct {
		name string
		r    *Reply
		want string
	}{
		{"ask", reply(h, ask), "https://bot.example.org/?lang=fr#a7.1"},
		{"source", reply(h, command("source", 0, opt("exchange", 3.0))), "https://bot.example.org/?lang=en#x3"},
		{"glossary", reply(h, command("glossary", 0, opt("term", "wannacry"))), "https://bot.example.org/?lang=en#intro.1"},
		{"timeline", reply(h, command("timeline", 0)), "#a8.1"},
		{"discuss", reply(h, command("discuss", 0, opt("exchange", 5.0))), "#a5."},
		{"quiz feedback", reply(h, quizClick("1", snowflakeAt(time.Now()), customid.Quiz{Question: q.ID, Version: q.Version()}.Format(), 0)), "https://bot.example.org/?lang=en#a7.1"},
	} {
		got := links(tc.r)
		if !slices.ContainsFunc(got, func(u string) bool { return strings.Contains(u, tc.want) }) || len(got) > maxLinks {
			t.Errorf("%s links %v; want one to %s", tc.name, got, tc.want)
		}
	}
}

// BenchmarkQuizClick: a student's click on a quiz question, answered
// from the in-memory store.
func BenchmarkQuizClick(b *testing.B) {
	h := NewHandler(newAnswers(nil, nil), Options{State: memory.New(100), Local: memory.New(1), Defaults: &unlimited, Classroom: testMaterial()})
	q, _ := h.classroom.Question("w-a7.1-0")
	msg := snowflakeAt(time.Now())
	id := customid.Quiz{Question: q.ID, Version: q.Version(), Choice: q.Answer}.Format()
	n := 0
	for b.Loop() {
		n++
		if _, err := h.reply(context.Background(), quizClick(strconv.Itoa(n), msg, id, q.Answer)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestForeignClick: a click that carries another question's button on a
// posted question's message (a forged request) counts nowhere: not in
// the round's tally, not in the clicker's score.
func TestForeignClick(t *testing.T) {
	h := newStateHandler(t, memory.New(100), unlimited)
	postID := func(exchange float64) (string, customid.Quiz) {
		post := reply(h, command("quiz", 0, opt("question", nil, opt("kind", "who"), opt("exchange", exchange))))
		id := post.Components[0].(discordgo.ActionsRow).Components[0].(discordgo.Button).CustomID
		parsed, _ := customid.ParseQuiz(id)
		return id, parsed
	}
	posted, first := postID(2)
	// Exchanges 2 and 7 share the introduction's sentences: draw again
	// until the other button is truly another question's (the same one
	// drawn twice, about one time in a hundred, made a click that was no
	// foreign click).
	other, parsed := postID(7)
	for parsed.Question == first.Question {
		other, parsed = postID(7)
	}
	q, _ := h.classroom.Question(parsed.Question)
	msg := snowflakeAt(time.Now())
	r := reply(h, foreignClick("666", msg, posted, other, q.Answer))
	if !strings.Contains(r.Messages[0], "changed") || !r.Ephemeral {
		t.Errorf("a click with another question's button = %q; want refused, to the clicker alone", r.Messages[0])
	}
	ctx := context.Background()
	if tally, _ := h.store.Tally(ctx, "g1", msg, len(md.Letters)); slices.Max(tally) != 0 {
		t.Errorf("the round's tally after a foreign click: %v; want nothing counted", tally)
	}
	if scores, _ := h.store.Leaderboard(ctx, "g1", 10); len(scores) != 0 {
		t.Errorf("scores after a foreign click: %+v; want none", scores)
	}
}

// TestRevealOneMessage: a class quiz's answer, even with the notice that
// the quiz was lost, is one Discord message for every question a class
// can be asked, in both languages.
func TestRevealOneMessage(t *testing.T) {
	m := testMaterial()
	r := rand.New(rand.NewPCG(5, 6))
	seen := map[string]bool{}
	for range 3000 {
		q, err := m.Pick(r, "", 0)
		if err != nil || seen[q.ID] {
			continue
		}
		seen[q.ID] = true
		for _, l := range []lang.Language{lang.French, lang.English} {
			text := md.Reveal(m.Interview(), q, nil, true, 3, 3, l) + "\n\n" + strings.Repeat("x", 330) // the notice, in French
			if n := utf8.RuneCountInString(text); n > maxContent {
				t.Errorf("%s (%s): the answer with the loss's notice is %d characters; Discord takes %d in one message", q.ID, l, n, maxContent)
			}
		}
	}
	if len(seen) < 100 {
		t.Errorf("%d questions drawn; want most of them", len(seen))
	}
}

// TestQuizLevel: /quiz at the critical-reading level asks comprehension
// questions of that level only, says why when asked for another kind,
// and a class quiz started at a level on one instance keeps it in the
// session another instance reads: in memory and on a single Redis, a
// Cluster and Sentinel.
func TestQuizLevel(t *testing.T) {
	m := testMaterial()
	for _, b := range sharedBackends(t, "quizlevel") {
		t.Run(b.name, func(t *testing.T) {
			h := newStateHandler(t, b.open(), unlimited)
			for range 30 {
				post := reply(h, command("quiz", 0, opt("question", nil, opt("level", classroom.University))))
				if len(post.Components) != 1 || post.Ephemeral {
					t.Fatalf("/quiz question level:university = %+v; want a public question", post)
				}
				parsed, err := customid.ParseQuiz(post.Components[0].(discordgo.ActionsRow).Components[0].(discordgo.Button).CustomID)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.ContainsFunc(m.ComprehensionQuestions(0), func(c *classroom.Comprehension) bool {
					return "c-"+c.ID == parsed.Question && c.Level == classroom.University
				}) {
					t.Fatalf("/quiz question level:university asked %s; want a comprehension question of the university level", parsed.Question)
				}
			}
			if r := reply(h, command("quiz", 0, opt("question", nil, opt("kind", "gap"), opt("level", classroom.University)))); !r.Ephemeral || !strings.Contains(r.Messages[0], "comprehension questions only") {
				t.Errorf("/quiz question kind:gap level:university = %+v; want a private answer saying level 2 has comprehension questions only", r)
			}
			if r := reply(h, inClass(command("quiz", int64(discordgo.PermissionManageMessages), opt("start", nil, opt("level", classroom.University))))); r.Ephemeral {
				t.Fatalf("/quiz start level:university = %q", r.Messages)
			}
			s, err := b.open().DueSessions(context.Background(), time.Now().Add(time.Hour), 10)
			if err != nil || len(s) != 1 || s[0].Level != classroom.University {
				t.Errorf("the class quiz's session, read by another instance = %+v, %v; want its level, university", s, err)
			}
		})
	}
}

// TestQuizLevelAtOnce: teachers on two instances start class quizzes at
// a level at the same moment, through the signed HTTP endpoint with a
// client that closes its connection after each reply, as nginx does:
// each channel gets one session, at its level, in memory and on a
// single Redis, a Cluster and Sentinel.
func TestQuizLevelAtOnce(t *testing.T) {
	teacher := int64(discordgo.PermissionManageMessages)
	for _, b := range sharedBackends(t, "levelatonce") {
		t.Run(b.name, func(t *testing.T) {
			a, c := newStateHandler(t, b.open(), unlimited), newStateHandler(t, b.open(), unlimited)
			endpoints := []*signedEndpoint{newSignedEndpoint(t, a), newSignedEndpoint(t, c)}
			const channels = 4
			var wg sync.WaitGroup
			for n := range 2 * channels { // two teachers a channel, one on each instance
				wg.Go(func() {
					i := command("quiz", teacher, opt("start", nil, opt("level", classroom.University)))
					i.ID, i.Token = fmt.Sprint(1180000000000007000+n), fmt.Sprint("level-", n)
					i.GuildID, i.ChannelID = classGuild, fmt.Sprint(1180000000000007100+n%channels)
					body, err := json.Marshal(i)
					if err != nil {
						t.Error(err)
						return
					}
					if status, out := endpoints[n%2].post(t, body, time.Now(), nil); status != 200 {
						t.Errorf("/quiz start %d: status %d, %s", n, status, out)
					}
				})
			}
			wg.Wait()
			s, err := b.open().DueSessions(context.Background(), time.Now().Add(time.Hour), 100)
			if err != nil || len(s) != channels {
				t.Fatalf("sessions = %d, %v; want one a channel, %d", len(s), err, channels)
			}
			for _, qs := range s {
				if qs.Level != classroom.University {
					t.Errorf("the session in %s has level %q; want university", qs.ChannelID, qs.Level)
				}
			}
		})
	}
}
