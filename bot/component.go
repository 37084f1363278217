package bot

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/lang"
)

// A component's custom ID is a prefix, then the fields of a typed value,
// written by its format and read by its parse. The ID comes back from
// Discord inside a request anyone can forge, so every parse treats it as
// untrusted input (FuzzCustomIDs). Each value carries all its click
// needs, so that any instance can serve it.

// The custom ID prefixes, one per kind.
const (
	idExchange = "x"     // exchangeID
	idToggle   = "t"     // quotesID: the same quotes in the other language
	idQuotes   = "s"     // quotesID: the exact sentences an LLM answer quotes
	idFeedback = "f"     // feedbackID
	idTopic    = "topic" // the topic menu; its value is an exchange number
)

// exchangeID opens a whole exchange (0: the introduction), in Lang, or
// in the clicker's language when Lang is empty.
type exchangeID struct {
	Exchange int
	Lang     lang.Language
}

func (x exchangeID) format() string { return fmt.Sprintf("%s:%d:%s", idExchange, x.Exchange, x.Lang) }

func parseExchangeID(id string) (exchangeID, error) {
	rest, ok := strings.CutPrefix(id, idExchange+":")
	num, l, _ := strings.Cut(rest, ":")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 0 {
		return exchangeID{}, errUnknownInteraction
	}
	lg, _ := lang.Parse(l) // none, or one unknown: the clicker's
	return exchangeID{n, lg}, nil
}

// quotesID renders again the quotes at Refs (paragraph and sentence run)
// in Lang: the language toggle (prefix idToggle) or the exact quotes of
// an LLM answer (prefix idQuotes). Answer names the answer in the cache
// (answer.Answer.Ref), whose question a toggle shows again; it is left
// out when there is none or it would not fit.
type quotesID struct {
	Prefix string // idToggle or idQuotes
	Lang   lang.Language
	Refs   []answer.Citation // ID, From and To only
	Answer string            // hex, or ""
}

// format writes q, or "" if its quotes do not fit in a custom ID.
func (q quotesID) format() string {
	if len(q.Refs) == 0 {
		return ""
	}
	refs := make([]string, len(q.Refs))
	for i, c := range q.Refs {
		refs[i] = fmt.Sprintf("%s/%d-%d", c.ID, c.From, c.To)
	}
	id := fmt.Sprintf("%s:%s:%s", q.Prefix, q.Lang, strings.Join(refs, ","))
	if q.Answer != "" && len(id)+1+len(q.Answer) <= maxCustomID {
		id += ":" + q.Answer
	}
	if len(id) > maxCustomID {
		return ""
	}
	return id
}

func parseQuotesID(id string) (quotesID, error) {
	parts := strings.SplitN(id, ":", 4)
	if len(parts) < 3 || (parts[0] != idToggle && parts[0] != idQuotes) {
		return quotesID{}, errUnknownInteraction
	}
	lg, err := lang.Parse(parts[1])
	if err != nil {
		return quotesID{}, errUnknownInteraction
	}
	q := quotesID{Prefix: parts[0], Lang: lg}
	if len(parts) == 4 {
		if !isHex(parts[3]) {
			return quotesID{}, errUnknownInteraction
		}
		q.Answer = parts[3]
	}
	for _, r := range strings.Split(parts[2], ",") {
		pid, span, ok := strings.Cut(r, "/")
		from, to, ok2 := strings.Cut(span, "-")
		f, err1 := strconv.Atoi(from)
		t, err2 := strconv.Atoi(to)
		if !ok || !ok2 || err1 != nil || err2 != nil {
			return quotesID{}, errUnknownInteraction
		}
		q.Refs = append(q.Refs, answer.Citation{ID: pid, From: f, To: t})
	}
	return q, nil
}

// isHex reports whether s is a non-empty run of lowercase hex digits.
func isHex(s string) bool {
	return s != "" && strings.Trim(s, "0123456789abcdef") == ""
}

// feedbackID is a vote on an answer.
type feedbackID struct{ Up bool }

func (f feedbackID) format() string {
	if f.Up {
		return idFeedback + ":+"
	}
	return idFeedback + ":-"
}

func parseFeedbackID(id string) (feedbackID, error) {
	switch id {
	case idFeedback + ":+":
		return feedbackID{Up: true}, nil
	case idFeedback + ":-":
		return feedbackID{Up: false}, nil
	}
	return feedbackID{}, errUnknownInteraction
}

// componentKind is a kind of button or menu: the prefix of its custom
// IDs and what a click on one does. Each command lists the kinds its
// replies carry (slashCommand.components); the router finds a click's
// kind there.
type componentKind struct {
	name   string // for the log and the metrics
	prefix string
	click  func(h *Handler, c *click) (*Reply, error)
}

// click is one click on a component.
type click struct {
	ctx  context.Context
	i    *discordgo.Interaction
	data discordgo.MessageComponentInteractionData
}

// The kinds of component.
var (
	exchangeButton = &componentKind{name: "exchange", prefix: idExchange, click: func(h *Handler, c *click) (*Reply, error) {
		x, err := parseExchangeID(c.data.CustomID)
		if err != nil {
			return nil, err
		}
		if _, ok := h.iv.Exchange(x.Exchange); !ok && x.Exchange != 0 {
			return nil, errUnknownInteraction
		}
		return h.exchange(x.Exchange, cmp.Or(x.Lang, language(c.i)), true), nil
	}}
	toggleButton = &componentKind{name: "toggle", prefix: idToggle, click: clickQuotes}
	quotesButton = &componentKind{name: "quotes", prefix: idQuotes, click: clickQuotes}
	voteButton   = &componentKind{name: "vote", prefix: idFeedback, click: func(h *Handler, c *click) (*Reply, error) {
		f, err := parseFeedbackID(c.data.CustomID)
		if err != nil {
			return nil, err
		}
		return h.vote(c.ctx, c.i, f), nil
	}}
	topicMenu = &componentKind{name: "topic", prefix: idTopic, click: func(h *Handler, c *click) (*Reply, error) {
		if len(c.data.Values) != 1 {
			return nil, errUnknownInteraction
		}
		n, err := parseTopicValue(c.data.Values[0])
		if _, ok := h.iv.Exchange(n); err != nil || !ok {
			return nil, errUnknownInteraction
		}
		return h.exchange(n, language(c.i), true), nil
	}}
)

func clickQuotes(h *Handler, c *click) (*Reply, error) {
	q, err := parseQuotesID(c.data.CustomID)
	if err != nil {
		return nil, err
	}
	return h.requote(c.ctx, q)
}

// topicValue is the value of the topic menu's option for exchange n.
func topicValue(n int) string { return strconv.Itoa(n) }

func parseTopicValue(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, errUnknownInteraction
	}
	return n, nil
}

// component routes a click to its kind, by its custom ID's prefix.
func (h *Handler) component(ctx context.Context, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) (*Reply, error) {
	if k := h.commands.kindOf(data.CustomID); k != nil {
		return k.click(h, &click{ctx: ctx, i: i, data: data})
	}
	return nil, errUnknownInteraction
}
