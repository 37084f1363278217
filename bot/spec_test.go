package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The bot's requests to Discord are checked against Discord's own
// OpenAPI spec (github.com/discord/discord-api-spec, specs/openapi.json).
// testdata/discord-openapi.json keeps the operations the bot calls and
// the schemas their request bodies reference; TestTrimDiscordSpec
// writes it from a checkout of the spec:
//
//	DISCORD_SPEC_COMMIT=$(git -C /path/to/discord-api-spec rev-parse HEAD) \
//		go test ./bot -run TestTrimDiscordSpec -discord-spec /path/to/discord-api-spec/specs/openapi.json
var specSource = flag.String("discord-spec", "", "rewrite testdata/discord-openapi.json from this copy of Discord's specs/openapi.json")

// specFile is the trimmed spec.
const specFile = "testdata/discord-openapi.json"

// specOperations are the operations the bot may call, as the spec names
// them.
var specOperations = []struct{ method, path string }{
	{"GET", "/gateway"},
	{"GET", "/applications/@me"},
	{"GET", "/applications/{application_id}/commands"},
	{"PUT", "/applications/{application_id}/commands"},
	{"GET", "/applications/{application_id}/guilds/{guild_id}/commands"},
	{"PUT", "/applications/{application_id}/guilds/{guild_id}/commands"},
	{"GET", "/channels/{channel_id}"},
	{"POST", "/channels/{channel_id}/messages"},
	{"PATCH", "/channels/{channel_id}/messages/{message_id}"},
	{"POST", "/channels/{channel_id}/messages/{message_id}/threads"},
	{"POST", "/interactions/{interaction_id}/{interaction_token}/callback"},
	{"POST", "/webhooks/{webhook_id}/{webhook_token}"},
	{"PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"},
	{"DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"},
}

// trimmedSpec is the layout of specFile, as written.
type trimmedSpec struct {
	Comment    string         `json:"$comment"`
	Operations []trimmedOp    `json:"operations"`
	Components map[string]any `json:"components"`
}

type trimmedOp struct {
	Method string   `json:"method"`
	Path   string   `json:"path"`
	Query  []string `json:"query,omitempty"`  // the query parameters it takes
	Schema any      `json:"schema,omitempty"` // of its JSON body; none takes no body
}

// TestTrimDiscordSpec writes specFile from the full spec named by
// -discord-spec, and is skipped without it.
func TestTrimDiscordSpec(t *testing.T) {
	if *specSource == "" {
		t.Skip("-discord-spec not set: keeping " + specFile)
	}
	raw, err := os.ReadFile(*specSource)
	if err != nil {
		t.Fatal(err)
	}
	var full struct {
		Info       struct{ Version string }
		Paths      map[string]map[string]json.RawMessage
		Components struct{ Schemas map[string]any }
	}
	if err := json.Unmarshal(raw, &full); err != nil {
		t.Fatal(err)
	}
	out := trimmedSpec{
		Comment: "Trimmed from github.com/discord/discord-api-spec, specs/openapi.json (MIT licence), API v" + full.Info.Version +
			", commit " + os.Getenv("DISCORD_SPEC_COMMIT") + ": the operations the bot calls and the schemas their JSON bodies use. Rewrite it with TestTrimDiscordSpec (bot/spec_test.go).",
		Components: map[string]any{},
	}
	schemas := map[string]any{}
	for _, o := range specOperations {
		var op struct {
			Parameters  []struct{ Name, In string }
			RequestBody *struct {
				Content map[string]struct{ Schema any }
			}
		}
		item, ok := full.Paths[o.path][strings.ToLower(o.method)]
		if !ok {
			t.Fatalf("the spec has no %s %s", o.method, o.path)
		}
		if err := json.Unmarshal(item, &op); err != nil {
			t.Fatal(err)
		}
		top := trimmedOp{Method: o.method, Path: o.path}
		for _, p := range op.Parameters {
			if p.In == "query" {
				top.Query = append(top.Query, p.Name)
			}
		}
		if op.RequestBody != nil {
			top.Schema = op.RequestBody.Content["application/json"].Schema
			collectRefs(top.Schema, full.Components.Schemas, schemas)
		}
		out.Operations = append(out.Operations, top)
	}
	out.Components["schemas"] = schemas
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(specFile, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d operations, %d schemas", specFile, len(out.Operations), len(schemas))
}

// collectRefs copies into out every schema of all that v references,
// directly or not.
func collectRefs(v any, all, out map[string]any) {
	switch v := v.(type) {
	case map[string]any:
		if ref, ok := v["$ref"].(string); ok {
			name := strings.TrimPrefix(ref, "#/components/schemas/")
			if _, seen := out[name]; !seen {
				out[name] = all[name]
				collectRefs(all[name], all, out)
			}
		}
		for _, x := range v {
			collectRefs(x, all, out)
		}
	case []any:
		for _, x := range v {
			collectRefs(x, all, out)
		}
	}
}

// specOp is one operation of the spec, compiled.
type specOp struct {
	method string
	path   string
	match  *regexp.Regexp
	query  []string
	body   *jsonschema.Schema // nil: the operation takes no body
}

// discordSpec loads and compiles specFile once per test binary.
var discordSpec = sync.OnceValues(func() ([]specOp, error) {
	c := jsonschema.NewCompiler()
	var spec map[string]any
	// Two copies: as published, and strict (see strict).
	for _, name := range []string{"lax.json", "strict.json"} {
		f, err := os.Open(specFile)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", specFile, err)
		}
		amend(doc)
		if name == "strict.json" {
			strict(doc)
		}
		if err := c.AddResource(name, doc); err != nil {
			return nil, err
		}
		spec = doc.(map[string]any)
	}
	var ops []specOp
	for i, o := range spec["operations"].([]any) {
		o := o.(map[string]any)
		op := specOp{method: o["method"].(string), path: o["path"].(string)}
		query, _ := o["query"].([]any)
		for _, q := range query {
			op.query = append(op.query, q.(string))
		}
		op.match = regexp.MustCompile("^" + param.ReplaceAllString(regexp.QuoteMeta(op.path), `[^/]+`) + "$")
		if o["schema"] == nil {
			ops = append(ops, op)
			continue
		}
		doc := "strict.json"
		if strings.HasSuffix(op.path, "/commands") {
			// discordgo writes every field of ApplicationCommandOption
			// (channel_types, choices, options, autocomplete) into each
			// option, whatever its type; Discord ignores those that do
			// not apply, and the spec, as published, allows them.
			doc = "lax.json"
		}
		var err error
		if op.body, err = c.Compile(fmt.Sprintf("%s#/operations/%d/schema", doc, i)); err != nil {
			return nil, fmt.Errorf("%s %s: %w", op.method, op.path, err)
		}
		ops = append(ops, op)
	}
	return ops, nil
})

// param is a path parameter, such as {channel_id}, quoted for a regexp.
var param = regexp.MustCompile(`\\\{[a-z_]+\\\}`)

// amend mends where the spec contradicts Discord's documentation and
// Discord's behaviour: default_member_permissions is a bit set "as a
// string" in the docs (application-commands#application-command-object),
// an integer in the spec; Discord takes both, and discordgo writes a
// string.
func amend(doc any) {
	schemas := doc.(map[string]any)["components"].(map[string]any)["schemas"].(map[string]any)
	for _, name := range []string{"ApplicationCommandUpdateRequest", "ApplicationCommandCreateRequest"} {
		if s, ok := schemas[name].(map[string]any); ok {
			props := s["properties"].(map[string]any)
			if _, ok := props["default_member_permissions"]; ok {
				props["default_member_permissions"] = map[string]any{"anyOf": []any{
					map[string]any{"type": []any{"integer", "null"}, "minimum": json.Number("0")},
					map[string]any{"type": "string", "pattern": "^[0-9]{1,20}$"},
				}}
			}
		}
	}
}

// strict makes every object schema refuse properties it does not name.
// Discord ignores some unknown fields and refuses others; a misspelt or
// misplaced field is a bug either way.
func strict(v any) {
	switch v := v.(type) {
	case map[string]any:
		if _, ok := v["properties"]; ok {
			v["unevaluatedProperties"] = false
		}
		for _, x := range v {
			strict(x)
		}
	case []any:
		for _, x := range v {
			strict(x)
		}
	}
}

// conform checks one request the bot sent to Discord's REST API against
// the spec's operation for its method and path, then against the limits
// Discord documents that the spec does not express. path has the API
// version prefix removed and may carry a query.
func conform(method, target string, body []byte) (operation string, err error) {
	ops, err := discordSpec()
	if err != nil {
		return "", fmt.Errorf("loading %s: %w", specFile, err)
	}
	path, rawQuery, _ := strings.Cut(target, "?")
	i := slices.IndexFunc(ops, func(o specOp) bool { return o.method == method && o.match.MatchString(path) })
	if i < 0 {
		return "", fmt.Errorf("%s %s is no operation the bot should call", method, path)
	}
	op := ops[i]
	operation = op.method + " " + op.path
	query, err := url.ParseQuery(rawQuery)
	if err != nil {
		return operation, fmt.Errorf("%s: query %q: %w", operation, rawQuery, err)
	}
	for k := range query {
		if !slices.Contains(op.query, k) {
			return operation, fmt.Errorf("%s: query parameter %q is not in the spec", operation, k)
		}
	}
	if op.body == nil {
		if len(bytes.TrimSpace(body)) > 0 {
			return operation, fmt.Errorf("%s takes no body; sent %s", operation, body)
		}
		return operation, nil
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return operation, fmt.Errorf("%s: body is not JSON: %w", operation, err)
	}
	if err := op.body.Validate(v); err != nil {
		return operation, fmt.Errorf("%s: %w\nbody: %s", operation, err, body)
	}
	if err := documentedLimits(operation, body); err != nil {
		return operation, fmt.Errorf("%s: %w\nbody: %s", operation, err, body)
	}
	return operation, nil
}

// The operations whose bodies are messages, and the one that is a
// callback.
const (
	opCallback = "POST /interactions/{interaction_id}/{interaction_token}/callback"
	opCommands = "PUT /applications/{application_id}/commands"
	opGuildCmd = "PUT /applications/{application_id}/guilds/{guild_id}/commands"
)

// wireMessage is the part of a message body the documented limits read.
type wireMessage struct {
	Content         *string `json:"content"`
	Flags           int     `json:"flags"`
	AllowedMentions *struct {
		Parse []string `json:"parse"`
		Users []string `json:"users"`
		Roles []string `json:"roles"`
	} `json:"allowed_mentions"`
	Components []wireComponent   `json:"components"`
	Embeds     []json.RawMessage `json:"embeds"`
	Choices    []json.RawMessage `json:"choices"`
}

type wireComponent struct {
	Type       int               `json:"type"`
	CustomID   string            `json:"custom_id"`
	Components []wireComponent   `json:"components"`
	Options    []json.RawMessage `json:"options"`
}

// documentedLimits checks what Discord's developer docs state and its
// spec does not: https://discord.com/developers/docs/components/reference
// (rows, buttons and menus), .../resources/message (flags, allowed
// mentions), .../interactions/receiving-and-responding (callbacks) and
// .../interactions/application-commands (the size of a command).
func documentedLimits(operation string, body []byte) error {
	switch operation {
	case opCommands, opGuildCmd:
		return commandLimits(body)
	case "POST /channels/{channel_id}/messages/{message_id}/threads":
		return nil
	}
	var m wireMessage
	if operation == opCallback {
		var cb struct {
			Type int             `json:"type"`
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(body, &cb); err != nil {
			return err
		}
		switch cb.Type {
		case 1, 5, 6: // a pong or a deferral carries no message, at most the ephemeral flag
			if len(cb.Data) > 0 && string(cb.Data) != "null" {
				var d map[string]any
				json.Unmarshal(cb.Data, &d)
				if f, _ := d["flags"].(float64); len(d) > 1 || (len(d) == 1 && f != 64) {
					return fmt.Errorf("callback type %d carries %s; only the ephemeral flag may come with it", cb.Type, cb.Data)
				}
			}
			return nil
		}
		if len(cb.Data) == 0 || string(cb.Data) == "null" {
			return fmt.Errorf("callback type %d carries no data", cb.Type)
		}
		body = cb.Data
		if cb.Type == 8 {
			if err := json.Unmarshal(body, &m); err != nil {
				return err
			}
			if m.Choices == nil {
				return errors.New("an autocomplete result without its choices list is refused")
			}
			return nil
		}
	}
	if err := json.Unmarshal(body, &m); err != nil {
		return err
	}
	if m.Content != nil && *m.Content == "" && len(m.Components) == 0 && len(m.Embeds) == 0 && strings.HasPrefix(operation, "POST") {
		return errors.New("a new message needs content, components or embeds")
	}
	// Messages the bot sends may set only these flags: suppress embeds,
	// ephemeral, suppress notifications.
	if m.Flags&^(4|64|4096) != 0 {
		return fmt.Errorf("flags %d set bits a message may not", m.Flags)
	}
	if am := m.AllowedMentions; am != nil {
		if slices.Contains(am.Parse, "users") && len(am.Users) > 0 || slices.Contains(am.Parse, "roles") && len(am.Roles) > 0 {
			return errors.New("allowed_mentions lists users or roles and also parses them")
		}
	}
	if len(m.Components) > 5 {
		return fmt.Errorf("%d action rows; a message holds 5", len(m.Components))
	}
	seen := map[string]bool{}
	for _, row := range m.Components {
		if row.Type != 1 {
			return fmt.Errorf("top-level component of type %d; the bot's messages hold action rows", row.Type)
		}
		if len(row.Components) == 0 || len(row.Components) > 5 {
			return fmt.Errorf("an action row holds %d components; 1 to 5", len(row.Components))
		}
		for _, c := range row.Components {
			if c.Type != 2 && len(row.Components) > 1 {
				return fmt.Errorf("a select menu (type %d) shares its row", c.Type)
			}
			if c.Type == 3 && (len(c.Options) == 0 || len(c.Options) > 25) {
				return fmt.Errorf("a select menu has %d options; 1 to 25", len(c.Options))
			}
			if c.CustomID != "" {
				if seen[c.CustomID] {
					return fmt.Errorf("custom_id %q appears twice in one message", c.CustomID)
				}
				seen[c.CustomID] = true
			}
		}
	}
	return nil
}

// commandLimits checks the size of each command: its names,
// descriptions, choice names and values together must not pass 8,000
// characters, and a command has at most 25 options.
func commandLimits(body []byte) error {
	var cmds []map[string]any
	if err := json.Unmarshal(body, &cmds); err != nil {
		return err
	}
	var count func(v any) int
	count = func(v any) int {
		n := 0
		switch v := v.(type) {
		case map[string]any:
			for _, k := range []string{"name", "description", "value"} {
				if s, ok := v[k].(string); ok {
					n += len([]rune(s))
				}
			}
			for _, k := range []string{"options", "choices"} {
				n += count(v[k])
			}
		case []any:
			for _, x := range v {
				n += count(x)
			}
		}
		return n
	}
	for _, c := range cmds {
		if n := count(c); n > 8000 {
			return fmt.Errorf("/%v has %d characters; a command may have 8,000", c["name"], n)
		}
		if opts, _ := c["options"].([]any); len(opts) > 25 {
			return fmt.Errorf("/%v has %d options; 25 at most", c["name"], len(opts))
		}
	}
	return nil
}

// TestConformRefuses: the checker refuses what Discord refuses, so that
// its silence over the bot's requests means something.
func TestConformRefuses(t *testing.T) {
	const cb = "/interactions/1/tok/callback"
	const hook = "/webhooks/1/tok"
	button := func(id string) string { return `{"type":2,"style":2,"label":"x","custom_id":"` + id + `"}` }
	row := func(items ...string) string { return `{"type":1,"components":[` + strings.Join(items, ",") + `]}` }
	msg := func(rows ...string) string { return `{"content":"hi","components":[` + strings.Join(rows, ",") + `]}` }
	tt := []struct {
		name, method, path, body string
	}{
		{"unknown operation", "POST", "/channels/1/typing", ``},
		{"unknown query parameter", "POST", hook + "?wait=true&silent=1", `{"content":"hi"}`},
		{"misspelt field", "POST", hook, `{"contnet":"hi"}`},
		{"content over 2,000 characters", "POST", hook, `{"content":"` + strings.Repeat("a", 2001) + `"}`},
		{"custom_id over 100 characters", "POST", hook, msg(row(button(strings.Repeat("a", 101))))},
		{"label over 80 characters", "POST", hook, `{"components":[{"type":1,"components":[{"type":2,"style":2,"custom_id":"a","label":"` + strings.Repeat("a", 81) + `"}]}]}`},
		{"six action rows", "POST", hook, msg(row(button("a")), row(button("b")), row(button("c")), row(button("d")), row(button("e")), row(button("f")))},
		{"six buttons in a row", "POST", hook, msg(row(button("a"), button("b"), button("c"), button("d"), button("e"), button("f")))},
		{"custom_id twice", "POST", hook, msg(row(button("a"), button("a")))},
		{"select menu sharing its row", "POST", hook, msg(row(`{"type":3,"custom_id":"m","options":[{"label":"a","value":"a"}]}`, button("b")))},
		{"empty new message", "POST", hook, `{"content":""}`},
		{"flag a message may not set", "POST", hook, `{"content":"hi","flags":2}`},
		{"mentions parsed and listed", "POST", hook, `{"content":"hi","allowed_mentions":{"parse":["users"],"users":["1"]}}`},
		{"deferral with content", "POST", cb, `{"type":5,"data":{"content":"thinking"}}`},
		{"response with no data", "POST", cb, `{"type":4}`},
		{"autocomplete without its choices", "POST", cb, `{"type":8,"data":{}}`},
		{"26 choices", "POST", cb, `{"type":8,"data":{"choices":[` + strings.Repeat(`{"name":"a","value":"a"},`, 25) + `{"name":"a","value":"a"}]}}`},
		{"unknown callback type", "POST", cb, `{"type":3}`},
		{"a body for a DELETE", "DELETE", hook + "/messages/@original", `{"content":"x"}`},
		{"thread name over 100 characters", "POST", "/channels/1/messages/2/threads", `{"name":"` + strings.Repeat("a", 101) + `"}`},
		{"command of over 8,000 characters", "PUT", "/applications/1/commands", `[{"name":"a","description":"` + strings.Repeat("d", 100) + `","options":[` +
			strings.Repeat(`{"type":3,"name":"o","description":"d","choices":[`+strings.Repeat(`{"name":"`+strings.Repeat("n", 100)+`","value":"v"},`, 24)+`{"name":"n","value":"v"}]},`, 4) + `{"type":3,"name":"o","description":"d"}]}]`},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			_, err := conform(tc.method, tc.path, []byte(tc.body))
			if err == nil {
				t.Fatalf("%s %s %.200s: accepted; Discord refuses it", tc.method, tc.path, tc.body)
			}
			t.Logf("%.300s", err)
		})
	}
	// And what it accepts: a message as the bot sends it.
	if _, err := conform("POST", hook+"?wait=true", []byte(msg(row(button("a"), button("b"))))); err != nil {
		t.Errorf("a valid follow-up refused: %v", err)
	}
}
