package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
)

var topicsCommand = command{
	name:    "topics",
	summary: "list the interview's exchanges",
	args:    "[--json] [--lang fr|en]",
	new:     func() runner { return new(topicsCmd) },
}

type topicsCmd struct {
	corpusFlag
	output
	lang langFlag
}

func (c *topicsCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	c.output.declare(fs)
	c.lang.declare(fs, "write in `LANG` (fr or en) only, instead of both")
}

type topicsResult struct {
	Lang   string  `json:"-"`
	Topics []topic `json:"topics"`
}

type topic struct {
	Exchange int    `json:"exchange"`
	FR       string `json:"fr"`
	EN       string `json:"en"`
}

func (r topicsResult) text() string {
	var b strings.Builder
	for _, t := range r.Topics {
		switch r.Lang {
		case "fr":
			fmt.Fprintf(&b, "%d. %s\n", t.Exchange, t.FR)
		case "en":
			fmt.Fprintf(&b, "%d. %s\n", t.Exchange, t.EN)
		default:
			fmt.Fprintf(&b, "%d. %s\n   %s\n", t.Exchange, t.FR, t.EN)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func (c *topicsCmd) run(_ context.Context, e env, args []string) error {
	if len(args) > 0 {
		return usagef("topics takes no arguments")
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	l, err := c.lang.or("") // "": both
	if err != nil {
		return err
	}
	out := topicsResult{Lang: string(l)}
	for _, ex := range iv.Exchanges() {
		out.Topics = append(out.Topics, topic{ex.Number, ex.Topic("fr"), ex.Topic("en")})
	}
	return c.write(e, out)
}
