package naming

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/oagen-dev/oagen/internal/model"
)

// scope is what the methods of a service or a sub-service are named
// relative to: the words a method name need not repeat, and the path
// segments its operations share.
type scope struct {
	noun     []string // the service's tag, in words ("Porting Orders" → porting, orders)
	base     []string // the service's base path segments (porting_orders)
	resource string   // a sub-service's path segment (phone_number_blocks); "" for a service
	res      []string // resource in words
	// shared is whether every operation of the service is under base:
	// otherwise base is only its most common resource (countries of
	// /v1/countries and /v1/cities in "V1"), which its names must say.
	shared bool
}

// strip takes the scope's words out of a name; plural reports whether what
// it took out ended in a plural (GetBrands in "Brands", as against GetBrand).
func (sc scope) strip(words []string) (out []string, plural bool) {
	if sc.resource != "" {
		return stripSub(words, sc.noun, sc.res)
	}
	return stripAll(words, sc.noun)
}

// rel is the part of a path the scope's name does not already say: the
// segments after the base (see nameBase), and for a sub-service after its
// resource (/ai/missions/{id}/runs/{run_id}/events in Missions.Runs →
// {run_id}, events). A path not under the base keeps every segment.
func (sc scope) rel(path string) []string {
	segs := segments(path)
	base := sc.base
	if sc.resource == "" {
		base = nameBase(base, sc.noun, sc.shared)
	}
	if len(base) > 0 && len(segs) >= len(base) && slices.Equal(segs[:len(base)], base) {
		segs = segs[len(base):]
	}
	if sc.resource != "" {
		if i := slices.Index(segs, sc.resource); i >= 0 {
			segs = segs[i+1:]
		}
	}
	return segs
}

// nameBase is the part of a service's base that the service's name says:
// up to the last segment that spells words of the tag (ai/audio of
// ai/audio/transcriptions in "Audio", ai/openai of ai/openai/responses in
// "OpenAI Chat"); when none does, the whole base if every operation shares
// it (ai of /ai/assistants and /ai/tools in "Assistants"), else nothing, as
// for the untagged operations of Default.
func nameBase(base, noun []string, shared bool) []string {
	if len(noun) == 0 {
		return nil // the Default service's name says nothing
	}
	for i := len(base) - 1; i >= 0; i-- {
		if spellsPart(base[i], noun) {
			return base[:i+1]
		}
	}
	if !shared {
		return nil
	}
	return base
}

// spellsPart reports whether the letters of seg are those of a run of
// noun's words, singular or plural.
func spellsPart(seg string, noun []string) bool {
	want := singular(strings.Join(wordsOf(seg), ""))
	for i := range noun {
		joined := ""
		for _, w := range noun[i:] {
			joined += strings.ToLower(w)
			if singular(joined) == want {
				return true
			}
		}
	}
	return false
}

// methodNames names the methods of a service. It returns a warning for
// each operation whose name had to change because Go reserves it.
//
// The rule, in one place: a method is named after its operationId with the
// scope's words taken out, then put verb first. For a service of the
// Client, that takes out the tag's words however they are cased, split or
// ordered (listPortingOrders in "Porting Orders" → List, oauthListGrants in
// "OAuth" → ListGrants, emailsListReceiving in "Receiving Emails" → List;
// see stripAll); for a sub-service, the resource and the words before it
// that name its owner (listPortingPhoneNumberBlocks in
// PortingOrders.PhoneNumberBlocks → List, listPortoutEvents in
// NumberPortout.Events → List; see stripSub). Then:
//   - An operationId that only spells its route (FastAPI's
//     get_assistant_public_assistants__assistant_id__get, or
//     get_public_missions_missions_mission_id_runs) is replaced by a name
//     from its HTTP method and path (see restWords).
//   - A read whose plural noun was taken out is a List when it answers a
//     list or reads a plural path (GetBrands → List, GetAllCampaigns →
//     List), or when the name it would have is also wanted by another
//     operation (GetBrands of GET /brand beside GetBrand of
//     GET /brand/{id}). A bulk change of a collection keeps the plural
//     (DeleteRoomRecordings → DeleteRecordings beside Delete).
//   - Verb first: a name that does not start with a verb but has one later
//     gets it moved to the front (grantsList → ListGrants), or, when only
//     the service's words or the HTTP method POST come before it, loses
//     them (CallStartAIAssistant in "Call Commands" → StartAIAssistant,
//     PostAssignMessagingProfileToCampaign → AssignMessagingProfileToCampaign).
//     A name that starts with a verb too often a noun to be moved
//     (Describe, Check; see leadVerbs) keeps its order.
//
// Where that leaves nothing, or the name is taken by a sub-service, or an
// operation earlier in the service's order (path, then method) already has
// it, the operation falls back to its whole operationId (see fallback); so
// adding an operation renames no other, unless it sorts first and takes
// the other's name, or turns a single-operation resource into a
// sub-service. Where even fallbacks collide (a duplicate operationId), the
// operation with the earlier path and method keeps the name and the others
// get a numeric suffix.
func methodNames(s *model.Service, taken *nameSet, sc scope) (warns []*model.Diagnostic) {
	// A short name two operations want goes to neither that has another
	// (alt); of the rest, to the first.
	want := map[*model.Operation][]string{}
	alts := map[*model.Operation][]string{}
	count := map[string]int{}
	for _, op := range s.Operations {
		if op.Pin == nil && !op.Webhook {
			want[op], alts[op] = sc.methodWords(op)
			count[Pascal(want[op])]++
		}
	}
	for op, alt := range alts {
		if alt != nil && count[Pascal(want[op])] > 1 {
			want[op] = alt
		}
	}
	var ops []*model.Operation
	var names []string
	short := newNameSet()
	for _, op := range s.Operations {
		op.Service = s.Path()
		if op.Pin != nil {
			// A pinned name is kept as it is; CheckPinned reports collisions.
			op.GoName = op.Pin.Name
			continue
		}
		if op.Webhook {
			// Webhooks and callbacks are sent by the API: the client has
			// no method for them, so they take no method name.
			continue
		}
		name := Pascal(want[op])
		if name == "" || !IsExported(name) || taken.has(name) || short.has(name) {
			name = sc.fallback(op, func(n string) bool { return !taken.has(n) && !short.has(n) && count[n] == 0 })
		} else {
			short.add(name)
		}
		if iface, ok := ReservedMethods[name]; ok {
			warns = append(warns, &model.Diagnostic{Pos: op.Pos, Pointer: op.Pointer,
				Message: fmt.Sprintf("operationId %q would give the method %s, a name Go reserves for %s: the method is %s_", op.ID, name, iface, name)})
			name += "_"
		}
		ops = append(ops, op)
		names = append(names, name)
	}
	claimAll(taken, ops, names, func(op *model.Operation, name string) { op.GoName = name })
	// Iterators come second, so they never take an operation's name.
	for _, op := range s.Operations {
		if op.Pagination != nil {
			op.PagerName = claim(taken, strings.TrimSuffix(op.GoName, "_")+"All")
		}
	}
	// So do the event-stream readers of operations that also answer
	// otherwise.
	for _, op := range s.Operations {
		if c, others := op.EventStream(); c != nil && others && !op.Webhook {
			op.StreamName = claim(taken, strings.TrimSuffix(op.GoName, "_")+"Stream")
		}
	}
	// And the multipart senders of bodies that offer JSON too.
	for _, op := range s.Operations {
		if op.MultipartTwin() != nil && !op.Webhook {
			op.MultipartName = claim(taken, strings.TrimSuffix(op.GoName, "_")+"Multipart")
		}
	}
	// And the readers of the other media types of a response that offers
	// JSON (the CSV form of a report, say).
	for _, op := range s.Operations {
		op.MediaTwins = nil
		if op.Webhook {
			continue
		}
		for _, c := range op.AlternateMedia() {
			op.MediaTwins = append(op.MediaTwins, model.MediaTwin{Content: c, GoName: claim(taken, strings.TrimSuffix(op.GoName, "_")+mediaSuffix(c.MediaType))})
		}
	}
	return warns
}

// fallback is the name of an operation whose short name is taken: its
// whole operationId, or for a route-spelled one the first free of its REST
// name in the service rather than the sub-service (Missions.Runs.ListRuns
// for GET /ai/missions/{id}/runs beside Missions.Runs.List for
// GET /ai/missions/runs) and its REST name by the parameter that ends its
// path.
func (sc scope) fallback(op *model.Operation, free func(string) bool) string {
	if !routeSpelled(op) {
		return Exported(op.ID)
	}
	var names []string
	if sc.resource != "" {
		words, _ := stripAll(restWords(op.Method, op.Path, scope{noun: sc.noun, base: sc.base, shared: sc.shared}.rel(op.Path), wordsOf(op.ID)), sc.noun)
		names = append(names, Pascal(words))
	}
	// Then the REST name and the parameter that ends the path
	// (GetLatestByLocationID for GET /v1/latest/{location_id} beside
	// GetLatest for GET /v1/latest).
	if segs := segments(op.Path); len(segs) > 0 && isParam(segs[len(segs)-1]) {
		words, _ := sc.strip(restWords(op.Method, op.Path, sc.rel(op.Path), wordsOf(op.ID)))
		words = append(words, "by")
		names = append(names, Pascal(append(words, wordsOf(strings.Trim(segs[len(segs)-1], "{}"))...)))
	}
	for _, name := range names {
		if IsExported(name) && free(name) {
			return name
		}
	}
	return Exported(op.ID)
}

// methodWords is the short name of op in the scope, in words, before
// collisions; alt, when not nil, is the name it takes instead when another
// operation of the service wants the same (GetBrands, of GET /brand, is
// List when GetBrand, of GET /brand/{id}, is Get).
func (sc scope) methodWords(op *model.Operation) (words, alt []string) {
	words = wordsOf(op.ID)
	if routeSpelled(op) {
		words = restWords(op.Method, op.Path, sc.rel(op.Path), words)
	}
	out, plural := sc.strip(words)
	if len(out) > 0 {
		read := op.Method == "GET" && readVerbs[strings.ToLower(out[0])] &&
			(len(out) == 1 || len(out) == 2 && strings.EqualFold(out[1], "all"))
		switch {
		case read && answersList(op) && (plural || collection(op.Path)):
			out = []string{"List"}
		case read && plural && collection(op.Path) && !answersObject(op):
			out = []string{"List"}
		case read && plural && !endsInParam(op.Path):
			alt = []string{"List"}
		case plural && len(out) == 1 && collection(op.Path) && (op.Method == "DELETE" || op.Method == "PUT" || op.Method == "PATCH"):
			// A bulk change of the collection keeps the plural of its
			// path when the item's change wants the same name
			// (RoomRecordings.DeleteRecordings beside Delete).
			segs := segments(op.Path)
			if w := wordsOf(segs[len(segs)-1]); len(w) > 0 {
				alt = []string{out[0], w[len(w)-1]}
			}
		}
	}
	// An operationId that starts with its HTTP method POST and has a verb
	// later: the method is not the verb (PostAssignMessagingProfile →
	// AssignMessagingProfile, PostEmbeddingSimilaritySearch →
	// SearchSimilarity). A Post with no verb after it stays, as no other
	// verb is sure.
	if op.Method == "POST" && len(out) > 1 && strings.EqualFold(out[0], "post") &&
		(slices.ContainsFunc(out[1:], isVerb) || leadsVerb(out[len(out)-1])) {
		out = out[1:]
	}
	return sc.verbFirst(out, op.Method), alt
}

func endsInParam(path string) bool {
	segs := segments(path)
	return len(segs) > 0 && isParam(segs[len(segs)-1])
}

// answersList reports whether op reads a list: it pages, or a success
// response is an array or an object whose data is one.
func answersList(op *model.Operation) bool {
	if op.Pagination != nil {
		return true
	}
	for _, r := range op.Responses {
		if !strings.HasPrefix(r.Status, "2") {
			continue
		}
		for _, c := range r.Contents {
			t := c.Type.Resolved()
			if t == nil {
				continue
			}
			if t.Kind == model.KindArray {
				return true
			}
			for _, f := range t.Fields {
				if f.Name == "data" && f.Type.Resolved() != nil && f.Type.Resolved().Kind == model.KindArray {
					return true
				}
			}
		}
	}
	return false
}

// answersObject reports whether a success response of op is an object
// that holds no list: one item, or a singleton such as settings.
func answersObject(op *model.Operation) bool {
	for _, r := range op.Responses {
		if !strings.HasPrefix(r.Status, "2") {
			continue
		}
		for _, c := range r.Contents {
			if t := c.Type.Resolved(); t != nil && (t.Kind == model.KindStruct || t.Kind == model.KindMap) && !answersList(op) {
				return true
			}
		}
	}
	return false
}

// readVerbs are the verbs of an operationId that may name a List: a read
// of a collection, whatever verb the spec's author chose for it.
var readVerbs = map[string]bool{"get": true, "list": true, "fetch": true, "retrieve": true, "find": true, "show": true}

// verbs are the verbs verbFirst moves to the front of a name that does
// not start with one: words that are seldom nouns.
var verbs = setOf("list get create update delete retrieve remove add search upload download send fetch replace patch " +
	"find show submit preview initiate generate accept reject resend dial trigger clone promote pause resume " +
	"republish activate deactivate confirm start stop join gather cancel verify validate enable disable assign " +
	"unassign attach detach refund")

// leadVerbs are the words that, first in a name, make it verb first: verbs,
// and verbs that are too often nouns to be moved (DescribeExport is verb
// first; ExportDescribe would not be; PortabilityCheck keeps its order).
var leadVerbs = union(verbs, setOf("describe register deregister associate disassociate execute abort complete put "+
	"exchange batch modify tag untag publish subscribe unsubscribe invoke run apply restore reset revoke grant "+
	"approve copy move rename reboot terminate count lookup set check export import refresh change compute "+
	"transfer share test post head options"))

func union(a, b map[string]bool) map[string]bool {
	m := maps.Clone(a)
	maps.Copy(m, b)
	return m
}

// actionVerbs are the verbs a path may end in, as an action on what comes
// before it (/assistants/{id}/clone, /runs/{id}/cancel): verbs, and a few
// that are too often nouns to be moved to the front of a name.
var actionVerbs = setOf("clone cancel pause resume promote enhance import export test chat activate deactivate " +
	"confirm verify validate share refresh republish trigger search send accept reject resend answer hangup " +
	"bridge start stop transfer submit preview enable disable refund")

// restVerbs are the verbs a method, path and HTTP method already imply: a
// route-spelled operationId that starts with one of them adds nothing to
// its REST name.
var restVerbs = setOf("get list fetch retrieve read show find create new post add put patch update edit modify delete remove del")

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// isVerb reports whether w may be moved to the front of a name (verbs);
// leadsVerb, whether w first makes a name verb first (leadVerbs).
func isVerb(w string) bool { return verbs[strings.ToLower(w)] }

func leadsVerb(w string) bool { return leadVerbs[strings.ToLower(w)] }

// verbFirst puts a name verb first. A name that does not start with a verb
// but has one later either loses the words before it, when they are all
// the scope's own words (call start AI assistant in "Call Commands" →
// start AI assistant), or gets the verb moved to the front (grants list →
// list grants). A verb that is often a noun (leadVerbs) is moved only when
// it ends the name of an operation that changes something (operator
// connect refresh, a POST → refresh operator connect), where it is seldom
// a noun.
func (sc scope) verbFirst(words []string, method string) []string {
	if len(words) < 2 || leadsVerb(words[0]) {
		return words
	}
	for i, w := range words[1:] {
		if !isVerb(w) && !(i+2 == len(words) && method != "GET" && leadsVerb(w)) {
			continue
		}
		if allIn(words[:i+1], slices.Concat(sc.noun, sc.res)) {
			return words[i+1:]
		}
		out := append([]string{w}, words[:i+1]...)
		return append(out, words[i+2:]...)
	}
	return words
}

// routeSpelled reports whether an operationId only spells its route rather
// than naming the operation: in snake case, it ends in its own HTTP method
// (FastAPI's default, get_assistant_public_assistants__assistant_id__get),
// or it spells, in order, every segment of its path after the first and
// either a path parameter among them or an HTTP method before them
// (get_public_missions_missions_mission_id_runs for
// GET /ai/missions/{mission_id}/runs).
func routeSpelled(op *model.Operation) bool {
	id := op.ID
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	method := strings.ToLower(op.Method)
	if strings.HasSuffix(id, "_"+method) {
		return true
	}
	segs := segments(op.Path)
	if len(segs) < 2 {
		return false
	}
	var want []string
	param := false
	for _, seg := range segs[1:] {
		if isParam(seg) {
			param = true
		}
		want = append(want, wordsOf(strings.Trim(seg, "{}"))...)
	}
	words := wordsOf(id)
	if !param && (len(words) == 0 || !httpMethods[words[0]]) {
		return false
	}
	k := 0
	for _, w := range words {
		if k < len(want) && singular(w) == singular(want[k]) {
			k++
		}
	}
	return k == len(want)
}

var httpMethods = setOf("get put post delete options head patch trace query")

func isParam(seg string) bool { return strings.Contains(seg, "{") }

// collection reports whether a path names a collection rather than one
// item: its last segment is a literal in the plural.
func collection(path string) bool {
	segs := segments(path)
	if len(segs) == 0 || isParam(segs[len(segs)-1]) {
		return false
	}
	w := wordsOf(segs[len(segs)-1])
	return len(w) > 0 && singular(w[len(w)-1]) != strings.ToLower(w[len(w)-1])
}

// restWords names an operation from its HTTP method and its path, rel
// being the part of the path its scope does not say. The verb is the
// path's when it ends in an action (POST /assistants/{id}/clone → clone),
// else the operationId's first word when that is a verb the method does
// not imply (trigger_test_run for POST /tests/{id}/runs → trigger), else
// the method's: GET of an item or of a singular resource → get, of a
// collection → list; POST of a collection → create, of an item → update;
// PUT and PATCH → update; DELETE → delete. The object is the literal
// segments of rel, singular before a parameter (tests/{id}/runs → test
// runs) and at the end of a name whose method acts on one item (create
// test, trigger test run), else as spelled (list tests, enhance
// instructions); a segment that spells out the one before it replaces it
// (tests/test-suites → test suites).
func restWords(method, path string, rel, id []string) []string {
	type literal struct {
		words []string
		item  bool // a parameter follows: the words name one item
	}
	var lits []literal
	for i, seg := range rel {
		if isParam(seg) {
			if n := len(lits); n > 0 {
				lits[n-1].item = true
			}
			continue
		}
		w := wordsOf(seg)
		if len(w) == 0 {
			continue
		}
		if n := len(lits); n > 0 && i > 0 && !isParam(rel[i-1]) && singular(w[0]) == singular(lits[n-1].words[len(lits[n-1].words)-1]) {
			lits[n-1].words = w
			continue
		}
		lits = append(lits, literal{words: w})
	}
	last := len(rel) > 0 && !isParam(rel[len(rel)-1])
	verb, one := "", false
	if n := len(lits); n > 0 && last && len(lits[n-1].words) == 1 && actionVerbs[strings.ToLower(lits[n-1].words[0])] {
		verb = lits[n-1].words[0]
		lits = lits[:n-1]
	}
	if verb == "" {
		segs := segments(path)
		item := len(segs) > 0 && !collection(path)
		switch method {
		case "GET":
			verb = "list"
			if item {
				verb = "get"
			}
		case "POST":
			verb = "create"
			if endsInParam(path) {
				verb = "update"
			}
		case "PUT", "PATCH":
			verb = "update"
		case "DELETE":
			verb = "delete"
		default:
			verb = strings.ToLower(method)
		}
		one = verb != "list"
		if len(id) > 0 && leadsVerb(id[0]) && !restVerbs[strings.ToLower(id[0])] {
			verb = id[0]
		}
	}
	out := []string{verb}
	for i, l := range lits {
		w := slices.Clone(l.words)
		if l.item || i == len(lits)-1 && one {
			w[len(w)-1] = singular(w[len(w)-1])
		}
		out = append(out, w...)
	}
	return out
}

// allIn reports whether every one of words is one of noun's.
func allIn(words, noun []string) bool {
	for _, w := range words {
		if !slices.ContainsFunc(noun, func(n string) bool { return singular(n) == singular(w) }) {
			return false
		}
	}
	return true
}

// stripAll takes noun's words out of words: a run whose letters spell the
// noun (Oauth, OAuth, O Auth for "OAuth"; PortingOrder for "Porting
// Orders"), singular or plural; else, when taking every word of the noun
// out wherever it is leaves a single word, the verb (emails list receiving
// in "Receiving Emails" → list). Otherwise words are returned as they are:
// words scattered through a longer name (update phone number messaging
// settings in "Number Settings") are likely not the noun. A name's first
// word is never taken when it is a verb and the noun is that one word
// (verify verification code in "Verify"): the name would lose its verb.
// plural reports whether the run taken out was in the plural.
func stripAll(words, noun []string) (out []string, plural bool) {
	if len(noun) == 0 {
		return words, false
	}
	if i, n, pl := spelledRun(words, noun); n > 0 && !(i == 0 && leadsVerb(words[0]) && len(words) > 1) {
		return slices.Concat(words[:i], words[i+n:]), pl
	}
	used := make([]bool, len(words))
	for _, nw := range noun {
		found := false
		for i, w := range words {
			if !used[i] && singular(w) == singular(nw) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return words, false
		}
	}
	for i, w := range words {
		if !used[i] {
			out = append(out, w)
		}
	}
	if len(out) != 1 {
		return words, false
	}
	return out, false
}

// stripSub takes a sub-service's words out of a name shaped verb, then
// words naming its owner, then the resource, then the rest: the verb and
// the rest are kept. The owner's words are the first words of the parent's
// noun (list porting phone number blocks in PortingOrders.PhoneNumberBlocks
// → list), or words that end in one of the parent's, or "all"
// (list portout events in NumberPortout.Events → list; get all insight
// groups in Conversations.InsightGroups → get). A name of another shape
// keeps the resource's words, as they may not name it (get port request
// supporting documents); the parent's noun is then taken out as stripAll
// does.
func stripSub(words, parent, res []string) ([]string, bool) {
	if i, n, plural := spelledRun(words, res); n > 0 {
		pre := words[:i]
		lead := 0
		if !parentPrefix(pre, parent) {
			lead = 1
		}
		// Past the first words of the parent's noun, the owner's words
		// follow a verb (remote connect user device in User.Devices is
		// not verb, owner, resource).
		if lead <= len(pre) && (parentPrefix(pre[lead:], parent) || len(pre) > 0 && leadsVerb(pre[0]) && namesOwner(pre[lead:], parent)) {
			out, _ := stripAll(slices.Concat(words[:lead], words[i+n:]), parent)
			return out, plural
		}
	}
	if out, plural := stripAll(words, res); len(out) == 1 {
		return out, plural
	}
	return stripAll(words, parent)
}

// namesOwner reports whether the words between a verb and a sub-service's
// resource name its owner: the first words of the parent's noun (none
// counts), or words that end in one of the parent's, or only "all".
func namesOwner(words, parent []string) bool {
	if parentPrefix(words, parent) {
		return true
	}
	if w := words[len(words)-1]; slices.ContainsFunc(parent, func(p string) bool { return singular(p) == singular(w) }) {
		return true
	}
	for _, w := range words {
		if !strings.EqualFold(w, "all") {
			return false
		}
	}
	return true
}

// parentPrefix reports whether words are the first words of noun (none
// counts), singular or plural.
func parentPrefix(words, noun []string) bool {
	if len(words) > len(noun) {
		return false
	}
	for i, w := range words {
		if singular(w) != singular(noun[i]) {
			return false
		}
	}
	return true
}

// spelledRun finds the first run of words whose letters, in lower case,
// spell noun's, singular or plural; it returns its start and length, or a
// length of 0, and whether the run is in the plural.
func spelledRun(words, noun []string) (start, n int, plural bool) {
	want := singular(strings.Join(noun, ""))
	if want == "" {
		return 0, 0, false
	}
	for i := range words {
		joined := ""
		for j := i; j < len(words) && len(joined) < len(want)+2; j++ {
			joined += strings.ToLower(words[j])
			if s := singular(joined); s == want {
				return i, j - i + 1, s != joined
			}
		}
	}
	return 0, 0, false
}

// irregular are the plurals singular does not get by rule.
var irregular = map[string]string{"statuses": "status", "aliases": "alias", "analyses": "analysis",
	"children": "child", "people": "person", "series": "series", "news": "news", "indices": "index",
	"data": "data", "media": "media", "criteria": "criterion"}

// acronyms are words that end in s without being plurals; usWords, words
// in -us that are singular (most plurals in -us are of words in -u: skus,
// menus).
var (
	acronyms = setOf("sms mms dns gps aws sns sqs ses kms iops ios")
	usWords  = setOf("bus campus virus bonus corpus census focus nexus radius consensus prospectus stimulus syllabus genus")
)

// singular is the singular of an English noun in lower case, by the
// common rules: addresses → address, policies → policy, batches → batch,
// numbers → number; a word that does not end like a plural (status,
// address, analysis) is its own singular.
func singular(w string) string {
	w = strings.ToLower(w)
	if acronyms[w] || usWords[w] || strings.HasSuffix(w, "status") {
		return w
	}
	for pl, sg := range irregular {
		if strings.HasSuffix(w, pl) {
			return w[:len(w)-len(pl)] + sg
		}
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zzes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "sis"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 2:
		return w[:len(w)-1]
	}
	return w
}
