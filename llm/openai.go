// Package llm connects the bot to a language model through go-openai:
// OpenAI, Azure OpenAI, or any OpenAI-compatible server (Ollama, vLLM,
// LM Studio). It only sends prompts and returns the model's text; the
// answer package decides what of it users may see.
package llm

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/interviewbot/interviewbot/answer"
	openai "github.com/sashabaranov/go-openai"
)

// Config configures the client.
type Config struct {
	APIKey  string // OPENAI_API_KEY; a local server needs none
	BaseURL string // OPENAI_BASE_URL; empty means OpenAI
	Model   string // OPENAI_MODEL
	// Azure selects Azure OpenAI: BaseURL is the resource endpoint and
	// Model the deployment name.
	Azure      bool
	APIVersion string // Azure's api-version
	Timeout    time.Duration
	// JSONMode asks for a JSON reply: response_format json_schema, or,
	// from a server that answers HTTP 400 about it, json_object, or, from
	// one that refuses that too, plain text, remembered once found. Off,
	// the reply is asked for as plain text from the start.
	JSONMode bool
	// Log hears when the server refuses a response format; nil discards.
	Log *slog.Logger
}

// Client calls the model.
type Client struct {
	c     *openai.Client
	model string
	log   *slog.Logger
	// format is the response format to ask for (formatSchema…), which
	// only ever steps down, when the server refuses one.
	format atomic.Int32
	// blockedUntil is when the server's last 429 Retry-After ends, in
	// unix nanos; until then calls fail at once.
	blockedUntil atomic.Int64
}

// ErrRateLimited is returned while the server has asked the bot to wait.
var ErrRateLimited = errors.New("openai: rate limited")

// MaxReplyBody bounds a reply's HTTP body. A completion of a few
// sentences is a few kilobytes; a broken or hostile server must not fill
// the process's memory.
const MaxReplyBody = 1 << 20

// ErrReplyTooLarge is returned for a reply body over MaxReplyBody.
var ErrReplyTooLarge = fmt.Errorf("reply body over %d bytes", MaxReplyBody)

// New returns a client. Its HTTP client has a timeout: go-openai's
// default client has none, and a hung server must not hold a reply.
func New(cfg Config) *Client {
	var oc openai.ClientConfig
	if cfg.Azure {
		oc = openai.DefaultAzureConfig(cfg.APIKey, cfg.BaseURL)
		if cfg.APIVersion != "" {
			oc.APIVersion = cfg.APIVersion
		}
		oc.AzureModelMapperFunc = func(string) string { return cfg.Model }
	} else {
		oc = openai.DefaultConfig(cfg.APIKey)
		if cfg.BaseURL != "" {
			oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
		}
	}
	cl := &Client{model: cfg.Model, log: cmp.Or(cfg.Log, slog.New(slog.DiscardHandler))}
	if !cfg.JSONMode {
		cl.format.Store(formatText)
	}
	oc.HTTPClient = &http.Client{Timeout: cfg.Timeout, Transport: retryAfter{cl: cl, next: http.DefaultTransport}}
	cl.c = openai.NewClientWithConfig(oc)
	return cl
}

// retryAfter notes a 429's Retry-After, which go-openai's errors drop,
// and bounds every reply body to MaxReplyBody.
type retryAfter struct {
	cl   *Client
	next http.RoundTripper
}

func (t retryAfter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	resp.Body = &limitedBody{ReadCloser: resp.Body, left: MaxReplyBody}
	if resp.StatusCode == http.StatusTooManyRequests {
		wait := time.Second
		if s, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After"))); err == nil && s >= 0 {
			wait = time.Duration(min(s, 600)) * time.Second
		}
		t.cl.blockedUntil.Store(time.Now().Add(wait).UnixNano())
	}
	return resp, err
}

// limitedBody fails a read past its bound with ErrReplyTooLarge.
type limitedBody struct {
	io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, ErrReplyTooLarge
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1] // one byte past the bound tells it is exceeded
	}
	n, err := b.ReadCloser.Read(p)
	if b.left -= int64(n); b.left < 0 {
		return n, ErrReplyTooLarge
	}
	return n, err
}

// The response formats a server may take, from the strictest: a JSON
// schema, any JSON object, or plain text (LM Studio answers HTTP 400 to
// json_object).
const (
	formatSchema int32 = iota
	formatObject
	formatText
)

var formatNames = [...]string{"json_schema", "json_object", "text"}

// errFormatRefused is a server's HTTP 400 about the response format asked
// for: its param is response_format, or its message names one of them,
// as LM Studio's, OpenAI's and vLLM's do. A 400 about anything else (a
// prompt too long for the model, a content filter) fails the call and
// changes nothing.
var errFormatRefused = errors.New("openai: HTTP 400 to the response format")

// aboutFormat reports whether a 400's param or message is about the
// response format.
func aboutFormat(param *string, msg string) bool {
	if param != nil && *param == "response_format" {
		return true
	}
	msg = strings.ToLower(msg)
	return slices.ContainsFunc([]string{"response_format", "json_schema", "json_object", "guided"}, func(t string) bool { return strings.Contains(msg, t) })
}

// Format names the response format the client now asks for: json_schema,
// json_object or text.
func (c *Client) Format() string { return formatNames[c.format.Load()] }

// Generate sends the prompt and returns the model's text; it has the
// signature of answer.Generate. It asks for the strictest response
// format the server takes: a server that answers HTTP 400 to one is
// asked again with the next, which the client then keeps to.
func (c *Client) Generate(ctx context.Context, p answer.Prompt) (answer.Completion, error) {
	for {
		format := c.format.Load()
		comp, err := c.generate(ctx, p, format)
		if !errors.Is(err, errFormatRefused) || format == formatText {
			return comp, err
		}
		// Another call may have stepped down meanwhile: never step up.
		if c.format.CompareAndSwap(format, format+1) {
			c.log.Warn("openai: the server refuses a response format; asking for the next from now on",
				"refused", formatNames[format], "next", formatNames[format+1], "err", err)
		}
	}
}

// generate makes one call, asking for format.
func (c *Client) generate(ctx context.Context, p answer.Prompt, format int32) (answer.Completion, error) {
	if until := c.blockedUntil.Load(); time.Now().UnixNano() < until {
		return answer.Completion{}, fmt.Errorf("%w for %v more", ErrRateLimited, time.Until(time.Unix(0, until)).Round(time.Second))
	}
	req := openai.ChatCompletionRequest{
		Model: c.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: p.System},
			{Role: openai.ChatMessageRoleUser, Content: p.User},
		},
		Temperature: 0.2,
	}
	switch {
	case format == formatSchema && p.Schema != nil:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{Name: "claims", Schema: p.Schema, Strict: true}}
	case format <= formatObject:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	resp, err := c.c.CreateChatCompletion(ctx, req)
	if err != nil {
		var api *openai.APIError
		var reqErr *openai.RequestError
		switch {
		case errors.As(err, &api) && api.HTTPStatusCode == http.StatusBadRequest && aboutFormat(api.Param, api.Message):
			return answer.Completion{}, fmt.Errorf("%w: %s", errFormatRefused, api.Message)
		case errors.As(err, &reqErr) && reqErr.HTTPStatusCode == http.StatusBadRequest && aboutFormat(nil, string(reqErr.Body)):
			return answer.Completion{}, fmt.Errorf("%w: %.200q", errFormatRefused, reqErr.Body)
		case errors.As(err, &api) && api.HTTPStatusCode == http.StatusTooManyRequests:
			return answer.Completion{}, fmt.Errorf("%w: %s", ErrRateLimited, api.Message)
		case errors.As(err, &api):
			return answer.Completion{}, fmt.Errorf("openai: HTTP %d: %s", api.HTTPStatusCode, api.Message)
		case errors.As(err, &reqErr) && reqErr.HTTPStatusCode == http.StatusTooManyRequests:
			return answer.Completion{}, fmt.Errorf("%w: %.200q", ErrRateLimited, reqErr.Body)
		case errors.As(err, &reqErr) && reqErr.Err != nil:
			return answer.Completion{}, fmt.Errorf("openai: HTTP %d: %w", reqErr.HTTPStatusCode, reqErr.Err)
		case errors.As(err, &reqErr): // a body that is JSON, without an error in it
			return answer.Completion{}, fmt.Errorf("openai: HTTP %d: %.200q", reqErr.HTTPStatusCode, reqErr.Body)
		}
		return answer.Completion{}, fmt.Errorf("openai: %w", err)
	}
	if len(resp.Choices) == 0 {
		return answer.Completion{}, errors.New("openai: no choices in the reply")
	}
	return answer.Completion{
		Text:             resp.Choices[0].Message.Content,
		Model:            resp.Model,
		PromptTokens:     resp.Usage.PromptTokens,
		CompletionTokens: resp.Usage.CompletionTokens,
	}, nil
}
