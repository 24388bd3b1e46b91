// Package config reads oagen.yaml, the optional file that records how a
// package is generated, so that a //go:generate line can be just `gen`.
//
// The file is strict: an unknown key, a value of the wrong shape or an
// unknown format target is an error that names the key and its line. Paths in
// it are relative to the file's directory. Flags given on the command line
// override it (internal/gen does that); Apply changes a loaded model as the
// file says, before the naming pass.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pb33f/go-yaml"

	"github.com/oagen-dev/oagen/internal/model"
)

// DefaultFile is the file gen reads when -config is not given, if it exists
// in the current directory.
const DefaultFile = "oagen.yaml"

// Config is the content of one oagen.yaml.
type Config struct {
	Path string // the file as given, e.g. "oagen.yaml"; used in positions

	// Spec and Out are relative to the current directory: a relative path
	// in the file has been joined to the file's directory.
	Spec      Value
	Out       Value
	Package   Value
	EnvPrefix Value

	Include Filter // operations to keep; empty keeps every operation
	Exclude Filter // operations to drop, after Include

	Names   Names
	Formats []Format // in file order

	// Pagination declares or overrides how operations page, in file order.
	Pagination []PageRule

	Webhooks Webhooks

	// Streams maps an operationId to the component schema that the data of
	// each event of its text/event-stream response decodes into (Key the
	// operationId, Name the schema's key), over what the spec says.
	Streams []Rename
}

// PageRule is one entry of pagination: how the operation with the given
// operationId pages, or Off for no iterator. A Value left empty is
// detected from the spec, within the declared scheme.
type PageRule struct {
	Operation Value // the operationId, where the key is written
	Off       bool
	Scheme    Value // page, offset, cursor, next-url or link-header
	Param     Value // the query parameter the iterator sets
	Items     Value // the member path of the items array; "." for the body itself
	Next      Value // the member path of the next cursor or URL
	ID        Value // the member of an item whose value is the next cursor
	HasMore   Value // the member path of a boolean that is false on the last page
	Total     Value // the member path of the number of pages (page) or items (offset)
}

// Webhooks are the settings of the generated webhook handler.
type Webhooks struct {
	Signature Value // one of model.SignatureSchemes; "" for every verifier
	Tolerance Value // a Go duration, e.g. "5m"
	EventType Value // a dotted member path, e.g. "data.event_type"

	tolerance time.Duration
	eventType []string
}

// Value is a scalar setting and where it is written. Value is "" when the
// file does not set it.
type Value struct {
	Value string
	Pos   model.Pos
	// Written is a path as the file spells it, before it was joined to the
	// file's directory; "" for other values. The header of generated files
	// names the spec this way, so that it does not depend on where gen runs.
	Written string
}

// Filter selects operations by tag, path or operationId. An operation
// matches when any entry of any list matches it.
type Filter struct {
	Tags       []Value // an operation matches when any of its tags is equal
	Paths      []Value // exact, a path.Match glob (* is one segment), or a prefix ending in /** (the path and all below it)
	Operations []Value // operationIds
}

func (f Filter) empty() bool {
	return len(f.Tags) == 0 && len(f.Paths) == 0 && len(f.Operations) == 0
}

// Names are Go names chosen by the user. Each pins a name (model.Pin): the
// naming pass never changes it, and a collision is an error.
type Names struct {
	// Schemas maps a component schema's key, or the JSON pointer of any
	// schema that becomes a named type ("#/paths/..."), to a type name.
	Schemas []Rename
	// Properties maps "Schema.property" (a component's key, a dot, the
	// property's JSON name) or a property's JSON pointer to a field name.
	Properties []Rename
	// Operations maps an operationId to a method name.
	Operations []Rename
}

// Rename is one entry of names.
type Rename struct {
	Key  Value // what is renamed, as written
	Name Value // the Go name
}

// Format maps a schema format to a Go type.
type Format struct {
	Format Value // e.g. "uuid", "date-time", "int32"
	Type   Value // one of the FormatTypes
}

// FormatTypes are the Go types a format can map to, and the schema types
// each suits. Date is the calendar-date type every generated package
// declares; the others are Go's own.
var FormatTypes = map[string]model.Kind{
	"string":    model.KindString,
	"time.Time": model.KindString,
	"Date":      model.KindString,
	"[]byte":    model.KindString, // base64 text, as format "byte"
	"int64":     model.KindInteger,
	"int32":     model.KindInteger,
	"float64":   model.KindNumber,
	"float32":   model.KindNumber,
}

// formatTypeNames lists FormatTypes in the order the documentation does.
var formatTypeNames = []string{"string", "time.Time", "Date", "[]byte", "int64", "int32", "float64", "float32"}

// maxConfigSize bounds the config file: a real one is a few hundred bytes.
const maxConfigSize = 1 << 20

// Find returns the config to use: the file explicit names (which must
// exist), or else DefaultFile in the current directory if there is one. It
// returns nil, nil when there is no config.
func Find(explicit string) (*Config, error) {
	path := explicit
	if path == "" {
		if _, err := os.Stat(DefaultFile); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, nil
			}
			return nil, fmt.Errorf("config: %w", err)
		}
		path = DefaultFile
	}
	data, err := model.ReadRegular(path, maxConfigSize)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, data)
}

// Parse reads the content of the config file at path. The error is a
// model.Diagnostics listing every problem, each with its line.
func Parse(path string, data []byte) (*Config, error) {
	p := &parser{file: path}
	c := &Config{Path: path}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, col, msg := 1, 1, err.Error()
		var le *yaml.LoadError
		var les *yaml.LoadErrors
		if errors.As(err, &les) && len(les.Errors) > 0 {
			le = les.Errors[0]
		}
		if le != nil || errors.As(err, &le) {
			line, col, msg = max(le.Mark.Line, 1), max(le.Mark.Column, 1), le.Message
		}
		msg, _, _ = strings.Cut(msg, "\n")
		return nil, model.Diagnostics{{Pos: model.Pos{File: path, Line: line, Col: col}, Message: "not valid YAML: " + msg}}
	}
	if len(root.Content) == 0 {
		return c, nil // an empty file sets nothing
	}
	doc := root.Content[0]
	if doc.Kind == yaml.ScalarNode && doc.ShortTag() == "!!null" {
		return c, nil
	}
	p.mapping(doc, "the top level", map[string]func(*yaml.Node){
		"spec":       func(n *yaml.Node) { c.Spec = p.path(n, "spec") },
		"out":        func(n *yaml.Node) { c.Out = p.path(n, "out") },
		"package":    func(n *yaml.Node) { c.Package = p.scalar(n, "package") },
		"env-prefix": func(n *yaml.Node) { c.EnvPrefix = p.scalar(n, "env-prefix") },
		"include":    func(n *yaml.Node) { c.Include = p.filter(n, "include") },
		"exclude":    func(n *yaml.Node) { c.Exclude = p.filter(n, "exclude") },
		"names":      func(n *yaml.Node) { c.Names = p.names(n) },
		"formats":    func(n *yaml.Node) { c.Formats = p.formats(n) },
		"pagination": func(n *yaml.Node) { c.Pagination = p.pagination(n) },
		"webhooks":   func(n *yaml.Node) { c.Webhooks = p.webhooks(n) },
		"streams":    func(n *yaml.Node) { c.Streams = p.renames(n, "streams") },
	})
	if len(p.errs) > 0 {
		p.errs.Sort()
		return nil, p.errs
	}
	return c, nil
}

type parser struct {
	file string
	errs model.Diagnostics
}

func (p *parser) pos(n *yaml.Node) model.Pos {
	return model.Pos{File: p.file, Line: n.Line, Col: n.Column}
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, &model.Diagnostic{Pos: p.pos(n), Message: fmt.Sprintf(format, args...)})
}

// mapping calls keys[k] with the value of each key k of n. An unknown or
// repeated key is an error that names it.
func (p *parser) mapping(n *yaml.Node, where string, keys map[string]func(*yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping", where)
		return
	}
	known := make([]string, 0, len(keys))
	for k := range keys {
		known = append(known, k)
	}
	slices.Sort(known)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f := keys[k.Value]
		switch {
		case f == nil:
			p.errorf(k, "unknown key %q in %s: the keys are %s", k.Value, where, strings.Join(known, ", "))
		case seen[k.Value]:
			p.errorf(k, "key %q is repeated in %s", k.Value, where)
		default:
			seen[k.Value] = true
			f(v)
		}
	}
}

func (p *parser) scalar(n *yaml.Node, key string) Value {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		p.errorf(n, "%s must be a string", key)
		return Value{}
	}
	return Value{Value: n.Value, Pos: p.pos(n)}
}

// path reads a path, relative to the config file's directory.
func (p *parser) path(n *yaml.Node, key string) Value {
	v := p.scalar(n, key)
	v.Written = v.Value
	if v.Value != "" && !filepath.IsAbs(v.Value) {
		v.Value = filepath.Join(filepath.Dir(p.file), filepath.FromSlash(v.Value))
	}
	return v
}

func (p *parser) list(n *yaml.Node, key string) []Value {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s must be a list of strings", key)
		return nil
	}
	var out []Value
	for _, e := range n.Content {
		if v := p.scalar(e, key+" entry"); v.Value != "" {
			out = append(out, v)
		} else if e.Kind == yaml.ScalarNode && e.ShortTag() != "!!null" {
			p.errorf(e, "%s entry is empty", key)
		}
	}
	return out
}

func (p *parser) filter(n *yaml.Node, key string) Filter {
	var f Filter
	p.mapping(n, key, map[string]func(*yaml.Node){
		"tags":       func(v *yaml.Node) { f.Tags = p.list(v, key+".tags") },
		"paths":      func(v *yaml.Node) { f.Paths = p.list(v, key+".paths") },
		"operations": func(v *yaml.Node) { f.Operations = p.list(v, key+".operations") },
	})
	return f
}

func (p *parser) renames(n *yaml.Node, key string) []Rename {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping", key)
		return nil
	}
	var out []Rename
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			p.errorf(k, "key %q is repeated in %s", k.Value, key)
			continue
		}
		seen[k.Value] = true
		name := p.scalar(v, key+"."+k.Value)
		if name.Value == "" {
			continue
		}
		out = append(out, Rename{Key: Value{Value: k.Value, Pos: p.pos(k)}, Name: name})
	}
	return out
}

func (p *parser) names(n *yaml.Node) Names {
	var ns Names
	p.mapping(n, "names", map[string]func(*yaml.Node){
		"schemas":    func(v *yaml.Node) { ns.Schemas = p.renames(v, "names.schemas") },
		"properties": func(v *yaml.Node) { ns.Properties = p.renames(v, "names.properties") },
		"operations": func(v *yaml.Node) { ns.Operations = p.renames(v, "names.operations") },
	})
	return ns
}

func (p *parser) formats(n *yaml.Node) []Format {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "formats must be a mapping of format to Go type")
		return nil
	}
	var out []Format
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			p.errorf(k, "key %q is repeated in formats", k.Value)
			continue
		}
		seen[k.Value] = true
		typ := p.scalar(v, "formats."+k.Value)
		if typ.Value == "" {
			continue
		}
		if _, ok := FormatTypes[typ.Value]; !ok {
			p.errorf(v, "formats.%s: unknown Go type %q: use one of %s", k.Value, typ.Value, strings.Join(formatTypeNames, ", "))
			continue
		}
		out = append(out, Format{Format: Value{Value: k.Value, Pos: p.pos(k)}, Type: typ})
	}
	return out
}

// pagination reads a mapping of operationId to "off" or to a mapping of
// the keys of PageRule.
func (p *parser) pagination(n *yaml.Node) []PageRule {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "pagination must be a mapping of operationId to off or to a mapping of scheme, param, items, next, id, has-more and total")
		return nil
	}
	var out []PageRule
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			p.errorf(k, "key %q is repeated in pagination", k.Value)
			continue
		}
		seen[k.Value] = true
		r := PageRule{Operation: Value{Value: k.Value, Pos: p.pos(k)}}
		where := "pagination." + k.Value
		if v.Kind == yaml.ScalarNode {
			if v.Value != "off" {
				p.errorf(v, "%s must be off or a mapping with a scheme", where)
				continue
			}
			r.Off = true
			out = append(out, r)
			continue
		}
		field := func(dst *Value, key string) func(*yaml.Node) {
			return func(n *yaml.Node) {
				if *dst = p.scalar(n, where+"."+key); dst.Value == "" && n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" {
					p.errorf(n, "%s.%s is empty", where, key)
				}
			}
		}
		p.mapping(v, where, map[string]func(*yaml.Node){
			"scheme":   field(&r.Scheme, "scheme"),
			"param":    field(&r.Param, "param"),
			"items":    field(&r.Items, "items"),
			"next":     field(&r.Next, "next"),
			"id":       field(&r.ID, "id"),
			"has-more": field(&r.HasMore, "has-more"),
			"total":    field(&r.Total, "total"),
		})
		switch {
		case v.Kind != yaml.MappingNode:
		case r.Scheme.Value == "off":
			r.Off = true
		case r.Scheme.Value == "":
			p.errorf(k, "%s has no scheme: give one of page, offset, cursor, next-url, link-header, or off", where)
			continue
		}
		out = append(out, r)
	}
	return out
}

// webhooks reads the settings of the webhook handler.
func (p *parser) webhooks(n *yaml.Node) Webhooks {
	var w Webhooks
	p.mapping(n, "webhooks", map[string]func(*yaml.Node){
		"signature":  func(v *yaml.Node) { w.Signature = p.scalar(v, "webhooks.signature") },
		"tolerance":  func(v *yaml.Node) { w.Tolerance = p.scalar(v, "webhooks.tolerance") },
		"event-type": func(v *yaml.Node) { w.EventType = p.scalar(v, "webhooks.event-type") },
	})
	if s := w.Signature; s.Value != "" && !slices.Contains(model.SignatureSchemes, s.Value) {
		p.errs = append(p.errs, &model.Diagnostic{Pos: s.Pos, Message: fmt.Sprintf("webhooks.signature: unknown scheme %q: use one of %s", s.Value, strings.Join(model.SignatureSchemes, ", "))})
	}
	if t := w.Tolerance; t.Value != "" {
		d, err := time.ParseDuration(t.Value)
		if err != nil || d <= 0 {
			p.errs = append(p.errs, &model.Diagnostic{Pos: t.Pos, Message: fmt.Sprintf("webhooks.tolerance: %q is not a positive duration such as 5m or 300s", t.Value)})
		}
		w.tolerance = d
	}
	if e := w.EventType; e.Value != "" {
		w.eventType = strings.Split(e.Value, ".")
		if slices.Contains(w.eventType, "") {
			p.errs = append(p.errs, &model.Diagnostic{Pos: e.Pos, Message: fmt.Sprintf("webhooks.event-type: %q is not a member path such as data.event_type", e.Value)})
		}
	}
	return w
}

// WebhookSettings returns what the file says about webhooks; the zero
// settings for a nil config.
func (c *Config) WebhookSettings() model.WebhookSettings {
	if c == nil {
		return model.WebhookSettings{}
	}
	return model.WebhookSettings{Signature: c.Webhooks.Signature.Value, Tolerance: c.Webhooks.tolerance, EventType: c.Webhooks.eventType}
}
