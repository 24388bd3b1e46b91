// Package load reads an OpenAPI 3.0 or 3.1 document into oagen's model. It is
// the only package that imports libopenapi: every libopenapi quirk (sibling
// $refs, the five spellings of null, references that look inline) is settled
// here, so the model below it is plain data.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"slices"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/index"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/paging"
)

// Load parses data, the content of the spec file at path, into a model. path
// is used only in positions, exactly as given.
//
// The returned error is a model.Diagnostics listing every problem found, or
// nil. Warnings (problems the loader worked around) are in API.Warnings.
//
// A $ref to another file is an error: Load reads nothing but data. LoadFS
// reads the files a spec refers to.
func Load(path string, data []byte) (*model.API, error) {
	return LoadFS(path, data, nil)
}

// LoadFS is Load for a spec that may refer to other files by relative $refs.
// fsys is the spec's folder: the spec itself is path.Base(path) in it, and
// every file it refers to must be in it or below it. A symbolic link that
// leads out of it is refused (give an os.Root's FS, which refuses them too).
// Positions in another file name it as path's folder joined with the file's
// path in fsys.
func LoadFS(path string, data []byte, fsys fs.FS) (*model.API, error) {
	l := &loader{file: path, byPointer: map[string]*model.Type{}, waiting: map[*model.Type]int{}, allOfParents: map[*model.Type][]*model.Type{}, fsys: fsys}
	api, err := l.load(data)
	var ds model.Diagnostics
	if errors.As(err, &ds) && l.files != nil {
		l.files.localizeAll(ds)
		ds.Sort()
	}
	if err != nil {
		return nil, err
	}
	if len(l.errs) > 0 {
		l.files.localizeAll(l.errs)
		l.errs.Sort()
		return nil, l.errs
	}
	return api, nil
}

type loader struct {
	file  string
	fsys  fs.FS  // the spec's folder; nil: one file only
	files *files // the spec's files, when it has more than one
	api   *model.API
	idx   *index.SpecIndex
	root  *yaml.Node // the parsed document, once it is known to be OpenAPI 3
	keys  keyIndex   // mapping keys of root, for resolving pointers

	// byPointer finds the type of every schema loaded so far by its JSON
	// pointer: a $ref names its target this way, never by Go pointer
	// identity, which libopenapi does not keep between use sites.
	byPointer map[string]*model.Type

	params    map[string]*model.Param       // component parameters by pointer
	bodies    map[string]*model.RequestBody // component request bodies by pointer
	responses map[string]*model.Response    // component responses by pointer

	formats map[string][]model.Related // unknown formats and where they occur

	fieldsByName  map[*model.Type]map[string]int // struct fields by JSON name, for merging
	fieldCount    int                            // fields of all structs so far
	tooManyFields bool                           // fieldCount passed MaxFields: reported
	components    map[*model.Type]*component
	deep          map[string]*model.Type                  // schemas a deep $ref loaded, by pointer (see resolveDeep)
	parents       []parentDisc                            // structs with a discriminator of their own
	allOfParents  map[*model.Type][]*model.Type           // a type and the structs that allOf it
	pending       []pendingMerge                          // allOf merges waiting for their member
	waiting       map[*model.Type]int                     // pending merges into each struct
	member        map[*model.Type]int                     // allOf members numbered so far, per struct
	members       map[*model.Type]map[string]fieldMembers // allOf structs: which members define each field
	required      map[*model.Type][]string                // allOf structs: every name a member requires
	idPos         map[*model.Operation]model.Pos          // where each operationId is written // component schemas not yet defined
	errs          model.Diagnostics
	warns         model.Diagnostics
	// warned holds the warnings given once per place (see warnOnce): a path
	// item's parameters are loaded for each of its operations.
	warned map[string]bool
	// examplesAt holds the pointers of the schema examples recorded.
	examplesAt map[string]bool
}

func (l *loader) load(data []byte) (*model.API, error) {
	if err := l.checkSize(data); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, l.fatal(1, 1, "#", "the file is empty")
	}
	if err := l.checkLoneCR(data); err != nil {
		return nil, err
	}
	if err := l.checkOneDocument(data); err != nil {
		return nil, err
	}
	if looksJSON(data) {
		// libopenapi reads JSON with its YAML parser, which accepts more
		// than JSON; with SkipJSONConversion (below) nothing else checks it.
		if err := l.checkJSON(data); err != nil {
			return nil, err
		}
		data = fixLoneSurrogates(data)
	}
	cfg := datamodel.NewDocumentConfiguration()
	// libopenapi logs to stdout by default; the CLI writes code and messages
	// there and to stderr, so its log goes nowhere.
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	// Loops through arrays and unions are legal (a tree of nodes); the
	// generator handles them, so they are not errors.
	cfg.IgnoreArrayCircularReferences = true
	cfg.IgnorePolymorphicCircularReferences = true
	// libopenapi's own duplicate-key check compares every key of a mapping
	// with every other (217 s for one mapping of 80,000 keys);
	// SkipJSONConversion turns it off. checkTree does the same check in
	// linear time, with positions, and checkJSON above checks JSON syntax.
	cfg.SkipJSONConversion = true
	doc, err := libopenapi.NewDocumentWithConfiguration(data, cfg)
	if err != nil {
		// Parse once more on our own, only now, for a message with a line.
		if serr := l.checkSyntax(data); serr != nil {
			return nil, serr
		}
		return nil, l.fatal(1, 1, "#", "not an OpenAPI document: "+firstLine(err.Error()))
	}
	info := doc.GetSpecInfo()
	if info == nil || info.RootNode == nil {
		return nil, l.fatal(1, 1, "#", "not an OpenAPI document")
	}
	if err := l.checkTree(info.RootNode); err != nil {
		return nil, err
	}
	l.root = info.RootNode
	if l.precheck(info.RootNode); len(l.errs) > 0 {
		l.errs.Sort()
		return nil, l.errs
	}
	if l.fsys != nil && hasOuterRef(info.RootNode) {
		// The spec refers to other files: they become one document (see
		// files.go), and every $ref of it has been checked.
		bundled, err := l.bundle(data, nil)
		if err != nil {
			return nil, err
		}
		if doc, err = libopenapi.NewDocumentWithConfiguration(bundled, cfg); err != nil {
			return nil, l.fatal(1, 1, "#", "internal error: the spec's files put together do not parse: "+firstLine(err.Error()))
		}
		if info = doc.GetSpecInfo(); info == nil || info.RootNode == nil {
			return nil, l.fatal(1, 1, "#", "internal error: the spec's files put together are not an OpenAPI document")
		}
		l.files.mapPositions(info.RootNode, l.files.mine)
		l.files.mine = nil
		l.root = info.RootNode
		// The first precheck saw the root file only; now every file, placed
		// in its own. The root's warnings are given once.
		before := len(l.warns)
		l.precheck(l.root)
		l.warns = slices.Concat(l.warns[:before], newDiagnostics(l.warns[:before], l.warns[before:]))
	} else {
		// libopenapi reports a $ref to nothing without the place it was
		// written, and below an operation not at all; look for them first.
		l.danglingRefs(info.RootNode)
	}
	l.checkCallbackLoops(l.root) // libopenapi would never return
	if len(l.errs) > 0 {
		l.errs.Sort()
		return nil, l.errs
	}
	hideDataRefs(l.root)
	m, err := doc.BuildV3Model()
	if m == nil {
		if err == nil {
			err = errors.New("libopenapi built no model")
		}
		l.buildErrors(err)
		l.errs.Sort()
		return nil, l.errs
	}
	l.buildErrors(err)
	if len(l.errs) > 0 {
		l.errs.Sort()
		return nil, l.errs
	}
	l.idx = m.Index
	return l.document(&m.Model), nil
}

// newDiagnostics is those of added not already in had (the same message at
// the same place).
func newDiagnostics(had, added model.Diagnostics) model.Diagnostics {
	type key struct {
		pos model.Pos
		msg string
	}
	seen := make(map[key]bool, len(had))
	for _, d := range had {
		seen[key{d.Pos, d.Message}] = true
	}
	var out model.Diagnostics
	for _, d := range added {
		if k := (key{d.Pos, d.Message}); !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

// checkSyntax parses the YAML (or JSON) on its own, so that a syntax error is
// reported with its line rather than as libopenapi's summary.
func (l *loader) checkSyntax(data []byte) error {
	if looksJSON(data) {
		if err := l.checkJSON(data); err != nil {
			return err
		}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return l.parseFailure(data, err)
	}
	return l.checkTree(&root)
}

// checkTree checks the parsed document before libopenapi builds a model from
// it: it is OpenAPI 3, it has no key twice, and it is not nested too deep.
func (l *loader) checkTree(root *yaml.Node) error {
	if err := l.checkTop(root); err != nil {
		return err
	}
	if l.checkDuplicateKeys(root); len(l.errs) > 0 {
		l.errs.Sort()
		return l.errs
	}
	return l.checkDepth(root)
}

// checkTop refuses documents that are not OpenAPI 3, saying what they are.
func (l *loader) checkTop(root *yaml.Node) error {
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		n := root
		if len(root.Content) > 0 {
			n = root.Content[0]
		}
		return l.fatal(max(n.Line, 1), max(n.Column, 1), "#", "not an OpenAPI document: the top level is not a mapping")
	}
	top := root.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		k := top.Content[i]
		switch k.Value {
		case "swagger":
			return l.fatal(k.Line, k.Column, "#/swagger", "Swagger 2.0 is not supported: convert the document to OpenAPI 3 first (for example with swagger2openapi)")
		case "openapi":
			v := top.Content[i+1].Value
			if !strings.HasPrefix(v, "3.") {
				return l.fatal(k.Line, k.Column, "#/openapi", fmt.Sprintf("unsupported OpenAPI version %q: oagen reads 3.0 and 3.1", v))
			}
			return nil
		}
	}
	return l.fatal(top.Line, top.Column, "#", "not an OpenAPI document: it has no openapi field")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// buildErrors sorts libopenapi's build errors: circular references are
// information (the generator handles recursion), anything else is fatal.
func (l *loader) buildErrors(err error) {
	if err == nil {
		return
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var re *index.ResolvingError
		if errors.As(e, &re) {
			if re.CircularReference != nil {
				continue
			}
			d := &model.Diagnostic{Message: libMessage(re.ErrorRef.Error()), Pointer: jsonPathPointer(re.Path)}
			switch n := l.nodeAtPointer(d.Pointer); {
			case re.Node != nil:
				d.Pos = l.pos(re.Node)
			case n != nil:
				d.Pos = l.pos(n)
			default:
				d.Pos = model.Pos{File: l.file, Line: 1, Col: 1}
			}
			l.errs = append(l.errs, d)
			continue
		}
		l.errs = append(l.errs, &model.Diagnostic{Pos: model.Pos{File: l.file, Line: 1, Col: 1}, Pointer: "#", Message: libMessage(e.Error())})
	}
}

func (l *loader) fatal(line, col int, pointer, msg string) error {
	return model.Diagnostics{{Pos: model.Pos{File: l.file, Line: line, Col: col}, Pointer: pointer, Message: msg}}
}

func (l *loader) pos(n *yaml.Node) model.Pos {
	if n == nil {
		return model.Pos{File: l.file}
	}
	if l.files != nil {
		return l.files.pos(n)
	}
	return model.Pos{File: l.file, Line: n.Line, Col: n.Column}
}

func (l *loader) errorf(pos model.Pos, pointer, format string, args ...any) {
	l.errs = append(l.errs, &model.Diagnostic{Pos: l.placed(pos, pointer), Pointer: pointer, Message: fmt.Sprintf(format, args...)})
}

func (l *loader) warnf(pos model.Pos, pointer, format string, args ...any) {
	l.warns = append(l.warns, &model.Diagnostic{Pos: l.placed(pos, pointer), Pointer: pointer, Message: fmt.Sprintf(format, args...)})
}

// warnOnce is warnf for a place the loader reaches more than once (a path
// item's parameter, loaded for each of its operations): the first time only.
func (l *loader) warnOnce(pos model.Pos, pointer, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if l.warned[pointer+"\x00"+msg] {
		return
	}
	if l.warned == nil {
		l.warned = map[string]bool{}
	}
	l.warned[pointer+"\x00"+msg] = true
	l.warns = append(l.warns, &model.Diagnostic{Pos: l.placed(pos, pointer), Pointer: pointer, Message: msg})
}

// placed fills in a position libopenapi did not give (a node it made up,
// as for a malformed allOf) from the pointer: the nearest node of the
// document on the way to it.
func (l *loader) placed(pos model.Pos, pointer string) model.Pos {
	if pos.Line > 0 || !strings.HasPrefix(pointer, "#/") {
		return pos
	}
	for p := pointer; strings.Contains(p, "/"); p = p[:strings.LastIndexByte(p, '/')] {
		if n := l.nodeAtPointer(p); n != nil && n.Line > 0 {
			return model.Pos{File: l.file, Line: n.Line, Col: n.Column}
		}
	}
	return pos
}

// document walks the model once: components first, so that every $ref finds
// its target, then paths and webhooks.
func (l *loader) document(doc *v3.Document) *model.API {
	l.api = &model.API{OpenAPI: doc.Version}
	l.params = map[string]*model.Param{}
	l.bodies = map[string]*model.RequestBody{}
	l.responses = map[string]*model.Response{}
	l.formats = map[string][]model.Related{}
	if doc.Info != nil {
		l.api.Title = doc.Info.Title
		l.api.Version = doc.Info.Version
		l.api.Description = doc.Info.Description
	}
	for _, s := range doc.Servers {
		l.api.Servers = append(l.api.Servers, server(s))
	}
	l.api.Security = security(doc.Security)
	if c := doc.Components; c != nil {
		l.componentSchemas(c)
		l.applyPendingMerges()
		l.securitySchemes(c)
		l.componentParams(c)
		l.componentBodies(c)
		l.componentResponses(c)
	}
	l.paths(doc)
	l.applyPendingMerges()
	l.subtypes()
	l.checkSecurity()
	l.api.SplitFiles = l.files != nil
	l.unknownFormats()
	model.MarkIndirectFields(l.api.Types)
	model.MarkRecursiveAliases(l.api.Types)
	// Pagination reads response members, so it waits until every allOf is
	// merged and every pointer field is known.
	for _, op := range l.api.Operations {
		op.Pagination = paging.Detect(op)
	}
	l.files.localizeAll(l.warns)
	l.warns.Sort()
	l.api.Warnings = l.warns
	return l.api
}

func server(s *v3.Server) model.Server {
	out := model.Server{URL: s.URL, Description: s.Description}
	if s.Variables != nil {
		for name, v := range s.Variables.FromOldest() {
			out.Variables = append(out.Variables, model.ServerVariable{Name: name, Default: v.Default, Enum: v.Enum, Description: v.Description})
		}
	}
	return out
}

// pointerEscape escapes one JSON pointer token (RFC 6901).
func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
