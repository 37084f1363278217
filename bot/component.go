package bot

import (
	"cmp"
	"context"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/customid"
)

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
	exchangeButton = &componentKind{name: "exchange", prefix: customid.PrefixExchange, click: func(h *Handler, c *click) (*Reply, error) {
		x, err := customid.ParseExchange(c.data.CustomID)
		if err != nil {
			return nil, errUnknownInteraction
		}
		if _, ok := h.iv.Exchange(x.Exchange); !ok && x.Exchange != 0 {
			return nil, errUnknownInteraction
		}
		return h.exchange(x.Exchange, cmp.Or(x.Lang, language(c.i)), true), nil
	}}
	toggleButton = &componentKind{name: "toggle", prefix: customid.PrefixToggle, click: withQuotes(func(h *Handler, c *click, q customid.Quotes) (*Reply, error) {
		return h.toggle(c.ctx, c.i, c.data.CustomID, q)
	})}
	quotesButton = &componentKind{name: "quotes", prefix: customid.PrefixQuotes, click: withQuotes(func(h *Handler, _ *click, q customid.Quotes) (*Reply, error) {
		return h.requote(q)
	})}
	voteButton = &componentKind{name: "vote", prefix: customid.PrefixFeedback, click: func(h *Handler, c *click) (*Reply, error) {
		f, err := customid.ParseFeedback(c.data.CustomID)
		if err != nil {
			return nil, errUnknownInteraction
		}
		return h.vote(c.ctx, c.i, f), nil
	}}
	topicMenu = &componentKind{name: "topic", prefix: customid.PrefixTopic, click: func(h *Handler, c *click) (*Reply, error) {
		if len(c.data.Values) != 1 {
			return nil, errUnknownInteraction
		}
		n, err := customid.ParseTopicValue(c.data.Values[0])
		if _, ok := h.iv.Exchange(n); err != nil || !ok {
			return nil, errUnknownInteraction
		}
		return h.exchange(n, language(c.i), true), nil
	}}
)

// withQuotes is a click on a button whose custom ID carries quotes.
func withQuotes(do func(*Handler, *click, customid.Quotes) (*Reply, error)) func(*Handler, *click) (*Reply, error) {
	return func(h *Handler, c *click) (*Reply, error) {
		q, err := customid.ParseQuotes(c.data.CustomID)
		if err != nil {
			return nil, errUnknownInteraction
		}
		return do(h, c, q)
	}
}

// component routes a click to its kind, by its custom ID's prefix.
func (h *Handler) component(ctx context.Context, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) (*Reply, error) {
	if k := h.commands.kindOf(data.CustomID); k != nil {
		return k.click(h, &click{ctx: ctx, i: i, data: data})
	}
	return nil, errUnknownInteraction
}
