package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	"github.com/pb33f/libopenapi/datamodel/low"
	lowbase "github.com/pb33f/libopenapi/datamodel/low/base"

	"github.com/oagen-dev/oagen/internal/model"
)

// Specs in several files.
//
// A $ref may name another file of the spec's folder, or of a folder below
// it: "schemas/pet.yaml" (the whole file), "common.yaml#/components/schemas/Error",
// "../shared.yml#/Thing" written in a nested file (relative to that file).
// Before libopenapi sees anything, the loader reads every file the root spec
// reaches, checks each $ref, and builds ONE document from them:
//
//   - a root component, path or webhook that is only a $ref to another file
//     takes that file's content in place (as a bundler would), so a split spec
//     and the same spec written as one file load into the same model;
//   - every other file goes under x-oagen-files/<token> of the root, and every
//     $ref (and discriminator mapping) is rewritten to a local one.
//
// Every file's $refs name their targets by the file's path relative to the
// root spec's folder, cleaned and with symbolic links resolved, so the same
// schema reached by two spellings is one schema. libopenapi itself reads no
// file (AllowFileReferences stays off): only this code does, through an fs.FS
// confined to the spec's folder.
//
// The document is written out as YAML and parsed again by libopenapi; the
// loader maps every node of that parse back to the file, line and column it
// came from, and every diagnostic to a JSON pointer within that file.

// filesKey holds the other files in the bundled document.
const filesKey = "x-oagen-files"

// filesPrefix starts a rewritten $ref into another file.
const filesPrefix = "#/" + filesKey + "/"

// specFile is one file of a spec.
type specFile struct {
	key     string     // path relative to the root spec's folder, slash-separated, links resolved
	display string     // the file as diagnostics name it: the root's folder as given, joined with key
	token   string     // its key under x-oagen-files
	doc     *yaml.Node // its content, below the document node
	root    bool
	// at lists the JSON pointers of the nodes written at each line and
	// column, shortest first, for placing diagnostics in this file.
	at   map[[2]int][]string
	orig *yaml.Node // doc before any rewriting, for at
}

// refSite is one $ref (or discriminator mapping value) of a file.
type refSite struct {
	file   *specFile
	val    *yaml.Node // the scalar holding the reference
	target *specFile
	frag   string // "" for the whole file, else "/..."
}

// adoption is a subtree of another file moved into a root component.
type adoption struct {
	frag    string // where it was in its file
	pointer string // where it is now, in the root
}

// files is what the loader keeps of a spec's files.
type files struct {
	byToken   map[string]*specFile
	byKey     map[string]*specFile
	byDisplay map[string]*specFile
	root      *specFile
	adopted   map[*specFile][]adoption
	fileOf    map[*yaml.Node]*specFile // every node as parsed, to its file
	nodePos   map[*yaml.Node]model.Pos // libopenapi's nodes, to where they were written
	nearby    []posAt                  // libopenapi's mapped nodes by position, for nodes it made itself
	mine      *yaml.Node               // the bundled document as written out
	written   map[model.Pos]string     // each rewritten $ref, as its file wrote it
}

type posAt struct {
	line, col int
	pos       model.Pos
}

// bundler reads the files of one spec.
type bundler struct {
	l     *loader
	fsys  fs.FS
	f     *files
	queue []*specFile
	sites []*refSite
	total int
	errs  model.Diagnostics
	only  []byte // see bundle
	found bool   // a file contains only
}

// hasOuterRef reports whether the document has a $ref that is not local.
func hasOuterRef(root *yaml.Node) bool {
	found := false
	walkRefs(root, func(_ *yaml.Node, ref, _ string) {
		found = found || !strings.HasPrefix(ref, "#")
	})
	return found
}

// bundle reads the files the root spec (data, already checked) refers to
// and returns the single document they make. With only set, it returns nil
// (and no error) when no file contains only.
func (l *loader) bundle(data, only []byte) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 {
		return nil, l.fatal(1, 1, "#", "the spec does not parse a second time")
	}
	b := &bundler{l: l, fsys: l.fsys, f: &files{
		byToken: map[string]*specFile{}, byKey: map[string]*specFile{}, byDisplay: map[string]*specFile{},
		adopted: map[*specFile][]adoption{}, fileOf: map[*yaml.Node]*specFile{},
	}}
	rootKey := path.Base(filepath.ToSlash(l.file))
	if c, err := b.canonical(rootKey); err == nil {
		rootKey = c
	}
	rf := &specFile{key: rootKey, display: l.file, doc: root.Content[0], root: true}
	b.add(rf)
	b.f.root = rf
	b.total = len(data)
	b.only = only
	b.found = only == nil || bytes.Contains(data, only)
	for len(b.queue) > 0 {
		f := b.queue[0]
		b.queue = b.queue[1:]
		b.scan(f)
	}
	if len(b.errs) > 0 {
		b.errs.Sort()
		return nil, b.errs
	}
	if !b.found {
		return nil, nil
	}
	b.adopt()
	b.rewrite()
	// The other files go below the root, in the order they were found. The
	// root is written in block style: a root written in JSON would otherwise
	// come out as a flow mapping, which libopenapi would take for JSON.
	top := rf.doc
	top.Style &^= yaml.FlowStyle
	list := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; ; i++ {
		f := b.f.byToken[token(i)]
		if f == nil {
			break
		}
		list.Content = append(list.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f.token}, f.doc)
	}
	top.Content = append(top.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: filesKey}, list)
	out, err := yaml.Marshal(&root)
	if err != nil {
		return nil, l.fatal(1, 1, "#", "the spec's files could not be put together: "+firstLine(err.Error()))
	}
	b.f.mine = &root
	l.files = b.f
	return out, nil
}

func token(i int) string { return "f" + itoa(i) }

// add records a file read.
func (b *bundler) add(f *specFile) {
	if !f.root {
		f.token = token(len(b.f.byToken))
		b.f.byToken[f.token] = f
	}
	b.f.byKey[f.key] = f
	b.f.byDisplay[f.display] = f
	f.orig = f.doc
	if !f.root {
		// Pointers are taken now, before content moves into the root; the
		// root's own nodes never move, so its pointers are taken on demand.
		f.at = map[[2]int][]string{}
	}
	prefix := "oagen_" + f.token + "_"
	walkNodes(f.doc, func(n *yaml.Node, p string) bool {
		if _, seen := b.f.fileOf[n]; seen {
			return false
		}
		b.f.fileOf[n] = f
		if f.at != nil {
			f.at[[2]int{n.Line, n.Column}] = append(f.at[[2]int{n.Line, n.Column}], p)
		}
		if !f.root {
			// Anchors are the file's own: kept apart from every other
			// file's once the files are one document.
			if n.Anchor != "" {
				n.Anchor = prefix + n.Anchor
			}
			if n.Kind == yaml.AliasNode {
				n.Value = prefix + n.Value
			}
		}
		return true
	})
	b.queue = append(b.queue, f)
}

// errorAt reports a problem at node n of file f.
func (b *bundler) errorAt(f *specFile, n *yaml.Node, ptr, format string, args ...any) {
	b.errs = append(b.errs, &model.Diagnostic{Pos: model.Pos{File: f.display, Line: n.Line, Col: n.Column}, Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

// scan checks every $ref of file f, reading the files they name.
func (b *bundler) scan(f *specFile) {
	var walk func(n *yaml.Node, ptr string, depth int)
	walk = func(n *yaml.Node, ptr string, depth int) {
		if depth > MaxDepth+2 {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "$ref" && v.Kind == yaml.ScalarNode {
					b.site(f, k, v, ptr)
					continue
				}
				if isDataRef(ptr, k.Value, v) {
					continue
				}
				kptr := ptr + "/" + pointerEscape(k.Value)
				if k.Value == "mapping" && strings.HasSuffix(ptr, "/discriminator") && v.Kind == yaml.MappingNode {
					for j := 1; j < len(v.Content); j += 2 {
						if m := v.Content[j]; m.Kind == yaml.ScalarNode && mappingIsRef(m.Value) {
							b.site(f, m, m, kptr+"/"+pointerEscape(v.Content[j-1].Value))
						}
					}
					continue
				}
				walk(v, kptr, depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, ptr+"/"+itoa(i), depth+1)
			}
		}
	}
	walk(f.doc, "#", 0)
}

// mappingIsRef tells a discriminator mapping value that is a reference from
// one that is a schema name.
func mappingIsRef(v string) bool {
	if strings.Contains(v, "#") {
		return true
	}
	switch strings.ToLower(path.Ext(v)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// site checks one reference of file f, written at node at (the $ref key, or
// the value itself), and records it for rewriting.
func (b *bundler) site(f *specFile, at, val *yaml.Node, ptr string) {
	ref := val.Value
	filePart, frag, _ := strings.Cut(ref, "#")
	target := f
	if filePart != "" {
		if strings.HasPrefix(strings.ToLower(filePart), "file:") {
			b.errorAt(f, at, ptr, "$ref %q is an absolute file URI: refer to files by a path relative to the file the $ref is in", ref)
			return
		}
		if strings.Contains(filePart, "://") || strings.HasPrefix(filePart, "//") {
			b.errorAt(f, at, ptr, "$ref %q is remote: oagen fetches nothing; save the file in the spec's folder and refer to it by a relative path", ref)
			return
		}
		name := filePart
		if dec, err := url.PathUnescape(name); err == nil {
			name = dec
		}
		if path.IsAbs(name) || filepath.IsAbs(name) || filepath.VolumeName(name) != "" {
			b.errorAt(f, at, ptr, "$ref %q is an absolute path: refer to files by a path relative to the file the $ref is in", ref)
			return
		}
		joined := path.Join(path.Dir(f.key), filepath.ToSlash(name))
		if joined == ".." || strings.HasPrefix(joined, "../") {
			b.errorAt(f, at, ptr, "$ref %q leaves the spec's folder: oagen reads only the files in the folder of the spec and below it", ref)
			return
		}
		if target = b.open(f, at, ptr, ref, filePart, joined); target == nil {
			return
		}
	}
	switch {
	case frag == "/":
		frag = ""
	case frag != "" && !strings.HasPrefix(frag, "/"):
		frag = "/" + frag
	}
	if target.root && frag == "" {
		b.errorAt(f, at, ptr, "$ref %q names the whole spec, not a part of it", ref)
		return
	}
	if lookupPointer(target.doc, frag, nil) == nil {
		if filePart == "" {
			b.errorAt(f, at, ptr, "$ref %q points to nothing in this document", ref)
		} else {
			b.errorAt(f, at, ptr, "$ref %q: the file %s has nothing at #%s", ref, filePart, frag)
		}
		return
	}
	b.sites = append(b.sites, &refSite{file: f, val: val, target: target, frag: frag})
}

// errEscape is a path that leaves the spec's folder through a symbolic link.
type errEscape struct{ link string }

func (e errEscape) Error() string {
	return "the symbolic link " + e.link + " leads out of the spec's folder"
}

// canonical resolves the symbolic links of p, a cleaned path relative to the
// spec's folder, refusing any that lead out of it.
func (b *bundler) canonical(p string) (string, error) {
	rl, _ := b.fsys.(fs.ReadLinkFS)
	parts := strings.Split(p, "/")
	var done []string
	hops := 0
	viaLink := "" // the last link followed
	for len(parts) > 0 {
		part := parts[0]
		parts = parts[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				if viaLink != "" {
					return "", errEscape{link: viaLink}
				}
				return "", errEscape{link: "(..)"}
			}
			done = done[:len(done)-1]
			continue
		}
		cur := path.Join(append(slices.Clone(done), part)...)
		if rl == nil {
			done = append(done, part)
			continue
		}
		fi, err := rl.Lstat(cur)
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			done = append(done, part)
			continue
		}
		if hops++; hops > 40 {
			return "", fmt.Errorf("too many symbolic links at %s", cur)
		}
		to, err := rl.ReadLink(cur)
		if err != nil {
			return "", err
		}
		to = filepath.ToSlash(to)
		if path.IsAbs(to) || filepath.IsAbs(to) || filepath.VolumeName(to) != "" {
			return "", errEscape{link: cur}
		}
		// Resolved from the link's folder, which done is.
		parts = append(strings.Split(to, "/"), parts...)
		viaLink = cur
	}
	if len(done) == 0 {
		return "", errors.New("not a file")
	}
	return path.Join(done...), nil
}

// open reads and checks the file at joined (relative to the spec's folder),
// once; nil when it cannot be used, with the problem reported.
func (b *bundler) open(from *specFile, at *yaml.Node, ptr, ref, written, joined string) *specFile {
	key, err := b.canonical(joined)
	var esc errEscape
	switch {
	case errors.As(err, &esc) && esc.link == "(..)":
		b.errorAt(from, at, ptr, "$ref %q leaves the spec's folder: oagen reads only the files in the folder of the spec and below it", ref)
		return nil
	case errors.As(err, &esc):
		b.errorAt(from, at, ptr, "$ref %q: %s is a symbolic link out of the spec's folder: oagen reads only the files in the folder of the spec and below it", ref, esc.link)
		return nil
	case errors.Is(err, fs.ErrNotExist):
		b.errorAt(from, at, ptr, "$ref %q: the file %s does not exist", ref, written)
		return nil
	case err != nil:
		b.errorAt(from, at, ptr, "$ref %q: cannot read %s: %v", ref, written, firstLine(err.Error()))
		return nil
	}
	if f, known := b.f.byKey[key]; known {
		return f // nil when it did not parse: reported once
	}
	fi, err := fs.Stat(b.fsys, key)
	if err != nil || !fi.Mode().IsRegular() {
		msg := "not a regular file"
		if err != nil {
			msg = firstLine(err.Error())
		}
		b.errorAt(from, at, ptr, "$ref %q: cannot read %s: %s", ref, written, msg)
		return nil
	}
	if b.total+int(fi.Size()) > MaxSpecSize {
		b.errorAt(from, at, ptr, "$ref %q: with %s the spec's files are %d bytes in all (%.1f MiB); oagen reads specs of up to %d MiB",
			ref, written, b.total+int(fi.Size()), float64(b.total+int(fi.Size()))/(1<<20), MaxSpecSize>>20)
		return nil
	}
	rd, err := b.fsys.Open(key)
	if err != nil {
		b.errorAt(from, at, ptr, "$ref %q: cannot read %s: %s", ref, written, firstLine(err.Error()))
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(rd, int64(MaxSpecSize-b.total)+1))
	rd.Close()
	if err != nil {
		b.errorAt(from, at, ptr, "$ref %q: cannot read %s: %s", ref, written, firstLine(err.Error()))
		return nil
	}
	b.total += len(data)
	b.found = b.found || bytes.Contains(data, b.only)
	if b.total > MaxSpecSize {
		b.errorAt(from, at, ptr, "$ref %q: with %s the spec's files are more than %d MiB in all; oagen reads specs of up to %d MiB", ref, written, MaxSpecSize>>20, MaxSpecSize>>20)
		return nil
	}
	display := filepath.Join(filepath.Dir(b.l.file), filepath.FromSlash(key))
	doc, derr := parseFile(display, data)
	if derr != nil {
		b.errs = append(b.errs, derr...)
		// Known, so that other $refs to it are not reported again.
		b.f.byKey[key] = nil
		return nil
	}
	f := &specFile{key: key, display: display, doc: doc}
	b.add(f)
	return f
}

// parseFile parses and checks one referenced file; display names it.
func parseFile(display string, data []byte) (*yaml.Node, model.Diagnostics) {
	sub := &loader{file: display}
	asDiag := func(err error) model.Diagnostics {
		var ds model.Diagnostics
		if errors.As(err, &ds) {
			return ds
		}
		return model.Diagnostics{{Pos: model.Pos{File: display, Line: 1, Col: 1}, Pointer: "#", Message: err.Error()}}
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, asDiag(sub.fatal(1, 1, "#", "the file is empty"))
	}
	if looksJSON(data) {
		if err := sub.checkJSON(data); err != nil {
			return nil, asDiag(err)
		}
		data = fixLoneSurrogates(data)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, asDiag(sub.parseFailure(data, err))
	}
	if len(root.Content) == 0 {
		return nil, asDiag(sub.fatal(1, 1, "#", "the file is empty"))
	}
	if sub.checkDuplicateKeys(&root); len(sub.errs) > 0 {
		return nil, sub.errs
	}
	if err := sub.checkDepth(&root); err != nil {
		return nil, asDiag(err)
	}
	return root.Content[0], nil
}

// adopt moves the content of each root component, path and webhook that is
// only a $ref to another file into its place, the first one in document
// order when several name the same content.
func (b *bundler) adopt() {
	bySite := map[*yaml.Node]*refSite{}
	for _, s := range b.sites {
		bySite[s.val] = s
	}
	top := b.f.root.doc
	take := func(m *yaml.Node, pointer string) {
		for i := 0; i+1 < len(m.Content); i += 2 {
			v := m.Content[i+1]
			if v.Kind != yaml.MappingNode || len(v.Content) != 2 || v.Content[0].Value != "$ref" {
				continue
			}
			s := bySite[v.Content[1]]
			if s == nil || s.target.root || b.overlaps(s.target, s.frag) {
				continue
			}
			p := pointer + "/" + pointerEscape(m.Content[i].Value)
			parent, idx := lookupParent(s.target.doc, s.frag)
			node := s.target.doc
			if parent != nil {
				node = parent.Content[idx]
			}
			if node.Kind == yaml.AliasNode {
				continue // its anchor stays in its file: left a $ref
			}
			m.Content[i+1] = node
			// Where it was, the file now refers to it.
			stub := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
				{Kind: yaml.ScalarNode, Tag: "!!str", Value: "$ref"},
				{Kind: yaml.ScalarNode, Tag: "!!str", Value: p, Style: yaml.SingleQuotedStyle},
			}}
			if parent != nil {
				parent.Content[idx] = stub
			} else {
				s.target.doc = stub
			}
			b.f.adopted[s.target] = append(b.f.adopted[s.target], adoption{frag: s.frag, pointer: p})
		}
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i].Value, top.Content[i+1]
		if v.Kind != yaml.MappingNode {
			continue
		}
		switch k {
		case "paths", "webhooks":
			take(v, "#/"+k)
		case "components":
			for j := 0; j+1 < len(v.Content); j += 2 {
				if sec := v.Content[j+1]; sec.Kind == yaml.MappingNode {
					take(sec, "#/components/"+pointerEscape(v.Content[j].Value))
				}
			}
		}
	}
}

// overlaps reports whether frag of f is, holds or is inside content already
// moved into the root.
func (b *bundler) overlaps(f *specFile, frag string) bool {
	for _, a := range b.f.adopted[f] {
		if within(frag, a.frag) || within(a.frag, frag) {
			return true
		}
	}
	return false
}

// within reports whether pointer fragment p is q or below it.
func within(p, q string) bool {
	return p == q || strings.HasPrefix(p, q+"/") || q == ""
}

// lookupParent finds the node at frag (a JSON pointer fragment) as the
// parent holding it and its index in the parent's Content; nil for frag "".
func lookupParent(doc *yaml.Node, frag string) (*yaml.Node, int) {
	if frag == "" {
		return nil, 0
	}
	i := strings.LastIndexByte(frag, '/')
	parent := lookupPointer(doc, frag[:i], nil)
	for parent != nil && parent.Kind == yaml.AliasNode && parent.Alias != nil {
		parent = parent.Alias
	}
	if parent == nil {
		return nil, 0
	}
	tok := frag[i+1:]
	if dec, err := url.PathUnescape(tok); err == nil {
		tok = dec
	}
	tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
	switch parent.Kind {
	case yaml.MappingNode:
		for j := 0; j+1 < len(parent.Content); j += 2 {
			if parent.Content[j].Value == tok {
				return parent, j + 1
			}
		}
	case yaml.SequenceNode:
		for j := range parent.Content {
			if itoa(j) == tok {
				return parent, j
			}
		}
	}
	return nil, 0
}

// rewrite makes every reference local to the bundled document.
func (b *bundler) rewrite() {
	for _, s := range b.sites {
		to := b.f.localRef(s.target, s.frag)
		if s.val.Value != to {
			if b.f.written == nil {
				b.f.written = map[model.Pos]string{}
			}
			b.f.written[model.Pos{File: s.file.display, Line: s.val.Line, Col: s.val.Column}] = s.val.Value
			s.val.Value = to
			s.val.Tag = "!!str"
			s.val.Style = yaml.SingleQuotedStyle
		}
	}
}

// localRef is the reference, within the bundled document, to frag of f.
func (fs *files) localRef(f *specFile, frag string) string {
	for _, a := range fs.adopted[f] {
		if within(frag, a.frag) {
			return a.pointer + strings.TrimPrefix(frag, a.frag)
		}
	}
	if f.root {
		return "#" + frag
	}
	return filesPrefix + f.token + frag
}

// mapPositions records, for each node of libopenapi's parse of the bundled
// document (root), where it was written. mine is the bundled tree it was
// written from: the two have the same shape.
func (fs *files) mapPositions(theirs, mine *yaml.Node) {
	fs.nodePos = map[*yaml.Node]model.Pos{}
	var walk func(t, m *yaml.Node, depth int)
	walk = func(t, m *yaml.Node, depth int) {
		if t == nil || m == nil || t.Kind != m.Kind || depth > MaxDepth+4 {
			return
		}
		if _, done := fs.nodePos[t]; done {
			return
		}
		if f := fs.fileOf[m]; f != nil {
			p := model.Pos{File: f.display, Line: m.Line, Col: m.Column}
			fs.nodePos[t] = p
			fs.nearby = append(fs.nearby, posAt{line: t.Line, col: t.Column, pos: p})
		}
		if t.Kind == yaml.AliasNode || len(t.Content) != len(m.Content) {
			return
		}
		for i := range t.Content {
			walk(t.Content[i], m.Content[i], depth+1)
		}
	}
	walk(theirs, mine, 0)
	slices.SortStableFunc(fs.nearby, func(a, b posAt) int {
		if a.line != b.line {
			return a.line - b.line
		}
		return a.col - b.col
	})
}

// pos is where node n of the bundled document was written: its own place,
// or for a node libopenapi made, that of the node written just before it.
func (fs *files) pos(n *yaml.Node) model.Pos {
	if p, ok := fs.nodePos[n]; ok {
		return p
	}
	i, _ := slices.BinarySearchFunc(fs.nearby, [2]int{n.Line, n.Column}, func(a posAt, t [2]int) int {
		if a.line != t[0] {
			return a.line - t[0]
		}
		return a.col - t[1]
	})
	if i < len(fs.nearby) && fs.nearby[i].line == n.Line && fs.nearby[i].col == n.Column {
		return fs.nearby[i].pos
	}
	if i > 0 {
		return fs.nearby[i-1].pos
	}
	return model.Pos{File: fs.root.display, Line: 1, Col: 1}
}

// writtenRef is the $ref held by node n of the bundled document as its
// file wrote it, before it was made local to the bundled document.
func (fs *files) writtenRef(n *yaml.Node) string {
	if fs != nil {
		if w, ok := fs.written[fs.pos(n)]; ok {
			return w
		}
	}
	return n.Value
}

// pointerKey is the key a schema reached by ref (a reference of the bundled
// document) is known by: ref itself in the root, FILE#/pointer in another
// file, FILE being its path relative to the root spec's folder.
func (fs *files) pointerKey(ref string) string {
	if fs == nil || !strings.HasPrefix(ref, filesPrefix) {
		return ref
	}
	tok, frag, _ := strings.Cut(strings.TrimPrefix(ref, filesPrefix), "/")
	f := fs.byToken[tok]
	if f == nil {
		return ref
	}
	if frag != "" {
		frag = "/" + frag
	}
	return f.key + "#" + frag
}

// bundledPointer is the pointer, in the bundled document, of a model
// pointer: FILE#/... for a schema of another file, a root pointer else.
func (fs *files) bundledPointer(ptr string) string {
	i := strings.IndexByte(ptr, '#')
	if i <= 0 {
		return ptr
	}
	f := fs.byKey[ptr[:i]]
	if f == nil {
		return ptr
	}
	return fs.localRef(f, ptr[i+1:])
}

// localize turns a diagnostic's pointer into one within the file its
// position is in.
func (fs *files) localize(pos model.Pos, ptr string) string {
	ptrFile := fs.root
	switch {
	case strings.HasPrefix(ptr, filesPrefix):
		tok, frag, _ := strings.Cut(strings.TrimPrefix(ptr, filesPrefix), "/")
		if f := fs.byToken[tok]; f != nil {
			ptrFile = f
			ptr = "#"
			if frag != "" {
				ptr += "/" + frag
			}
		}
	case strings.Index(ptr, "#") > 0:
		i := strings.Index(ptr, "#")
		if f := fs.byKey[ptr[:i]]; f != nil {
			ptrFile, ptr = f, ptr[i:]
		}
	}
	posFile := fs.byDisplay[pos.File]
	if posFile == nil || posFile == ptrFile || pos.Line == 0 {
		return ptr
	}
	// The place was reached through a $ref: name it in its own file.
	if posFile.at == nil { // the root's
		posFile.at = map[[2]int][]string{}
		walkNodes(posFile.orig, func(n *yaml.Node, p string) bool {
			if fs.fileOf[n] != posFile {
				return false
			}
			posFile.at[[2]int{n.Line, n.Column}] = append(posFile.at[[2]int{n.Line, n.Column}], p)
			return true
		})
	}
	// Of the nodes written there (a mapping and its first key, say), the one
	// whose pointer ends as ptr does: reached through a $ref, the place
	// keeps the end of its path.
	best := ""
	for _, p := range posFile.at[[2]int{pos.Line, pos.Col}] {
		if best == "" || strings.HasSuffix(ptr, p[1:]) && len(p) > len(best) {
			best = p
		}
	}
	if best == "" {
		return ptr
	}
	return best
}

// localizeAll places every diagnostic within its own file.
func (fs *files) localizeAll(ds model.Diagnostics) {
	if fs == nil {
		return
	}
	for _, d := range ds {
		d.Pointer = fs.localize(d.Pos, d.Pointer)
		for i := range d.Related {
			d.Related[i].Pointer = fs.localize(d.Related[i].Pos, d.Related[i].Pointer)
		}
	}
}

// external makes the type of a schema of another file that no root
// component holds, the first time a $ref reaches it: a component of its own,
// named X for #/components/schemas/X (or any pointer ending in X), and after
// its title or its file's name (pet.yaml: Pet) for a whole file. ref is the
// bundled document's reference, key the type's pointer.
func (l *loader) external(ref, key string) *model.Type {
	n := lookupPointer(l.rootContent(), strings.TrimPrefix(ref, "#"), l.keyIndex())
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n == nil {
		return nil
	}
	lp := new(lowbase.SchemaProxy)
	if err := lp.Build(context.Background(), nil, n, l.idx); err != nil {
		return nil
	}
	sp := base.NewSchemaProxy(&low.NodeReference[*lowbase.SchemaProxy]{Value: lp, ValueNode: n})
	name, hint := externalName(key, n)
	t := &model.Type{Named: true, Component: name, NameHint: []string{hint}, Pointer: key, Pos: l.pos(n)}
	l.byPointer[key] = t
	if l.components == nil {
		l.components = map[*model.Type]*component{}
	}
	l.components[t] = &component{sp: sp}
	l.api.Types = append(l.api.Types, t)
	return t
}

// externalName is the name a schema of another file is known by, as a
// component key would be: the last token of its pointer, or for a whole
// file the file's name without its extension. hint is what its Go name is
// made from: the name, or a whole file's title.
func externalName(key string, n *yaml.Node) (name, hint string) {
	file, frag, _ := strings.Cut(key, "#")
	if frag != "" {
		tok := frag[strings.LastIndexByte(frag, '/')+1:]
		if dec, err := url.PathUnescape(tok); err == nil {
			tok = dec
		}
		if tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~"); tok != "" {
			return tok, tok
		}
	}
	base := path.Base(file)
	name = strings.TrimSuffix(base, path.Ext(base))
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "title" && n.Content[i+1].Kind == yaml.ScalarNode && strings.TrimSpace(n.Content[i+1].Value) != "" {
				return name, n.Content[i+1].Value
			}
		}
	}
	return name, name
}

// rootContent is the top mapping of the document.
func (l *loader) rootContent() *yaml.Node {
	doc := l.root
	if doc != nil && doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	return doc
}

// Bundle returns the spec at path, data, with the files its $refs name put
// into one document, as LoadFS reads it; data itself when it names none.
// fsys is the spec's folder, as for LoadFS. It is for tools that read the
// spec with libopenapi on their own (gen -diff).
func Bundle(path string, data []byte, fsys fs.FS) ([]byte, error) {
	if fsys == nil {
		return data, nil
	}
	var root yaml.Node
	if yaml.Unmarshal(fixLoneSurrogates(data), &root) != nil || !hasOuterRef(&root) {
		return data, nil // LoadFS reports what is wrong
	}
	l := &loader{file: path, byPointer: map[string]*model.Type{}, fsys: fsys}
	out, err := l.bundle(data, nil)
	if err != nil {
		return nil, err
	}
	return out, nil
}
