// Package llm connects the bot to a language model through go-openai:
// OpenAI, Azure OpenAI, or any OpenAI-compatible server (Ollama, vLLM,
// LM Studio). It only sends prompts and returns the model's text; the
// answer package decides what of it users may see.
package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
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
	// JSONMode asks for response_format json_object, which OpenAI, Azure
	// and Ollama support; turn it off for servers that reject it.
	JSONMode bool
}

// Client calls the model.
type Client struct {
	c        *openai.Client
	model    string
	jsonMode bool
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
	cl := &Client{model: cfg.Model, jsonMode: cfg.JSONMode}
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

// Generate sends the prompts and returns the model's text; it has the
// signature of answer.Generate.
func (c *Client) Generate(ctx context.Context, system, user string) (answer.Completion, error) {
	if until := c.blockedUntil.Load(); time.Now().UnixNano() < until {
		return answer.Completion{}, fmt.Errorf("%w for %v more", ErrRateLimited, time.Until(time.Unix(0, until)).Round(time.Second))
	}
	req := openai.ChatCompletionRequest{
		Model: c.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
		Temperature: 0.2,
	}
	if c.jsonMode {
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	resp, err := c.c.CreateChatCompletion(ctx, req)
	if err != nil {
		var api *openai.APIError
		var reqErr *openai.RequestError
		switch {
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
