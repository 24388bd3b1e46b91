package templates

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Option configures a client, or a single call when passed to a method. The
// options of a call are applied after the client's, so they win.
type Option func(*config)

// HTTPDoer sends an HTTP request and returns its response. *http.Client
// implements it; so can a test double or an instrumented client.
type HTTPDoer interface {
	Do(req *http.Request) (*http.Response, error)
}

// Middleware wraps every attempt of a call, retries included (each attempt
// carries its X-Retry-Count header). It may change the request, call next,
// and inspect or replace the response.
type Middleware func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// MiddlewareNext passes the request on to the next middleware, or to the
// HTTPDoer after the last one.
type MiddlewareNext func(req *http.Request) (*http.Response, error)

// config is the set of options in effect for one call.
type config struct {
	baseURL string
	// apiKey is a closure rather than a string so that printing a config or a
	// client with %v or %#v shows a function address, never the key.
	apiKey             func() string
	creds              map[string]credential // by security scheme; see auth.go
	doer               HTTPDoer
	maxRetries         int
	requestTimeout     time.Duration
	headers            []headerField
	middleware         []Middleware
	retryNonIdempotent bool
	maxRetryAfter      time.Duration
	maxRetryTime       time.Duration // 0: no cap
	maxResponseSize    int64         // 0: no limit
	maxPages           int           // 0: no cap
	responseInto       **http.Response
	// pageURL and pageHeader serve the iterators of lists that page by URL
	// (paginate.go): the URL of the page to fetch instead of the
	// operation's path, and where to store the response's headers.
	pageURL    string
	pageHeader *http.Header
	// backoffBase and backoffMax shape the exponential backoff; tests shrink them.
	backoffBase, backoffMax time.Duration
	// err is the first invalid option; every call made with this config fails
	// with it before anything is sent.
	err error

	// What the options of extras.go and logging.go add to a call.
	extraQuery         []queryField
	extraBody          []bodyField
	idempotencyKey     string
	autoIdempotencyKey bool
	logger             *slog.Logger
}

type headerField struct{ name, value string }

// WithBaseURL sets the server URL that operation paths are appended to, such
// as "https://api.example.com/v2". A trailing slash is ignored. The default is
// the package's base-URL environment variable when it is set and not empty,
// else the spec's first server.
func WithBaseURL(u string) Option { return func(c *config) { c.baseURL = u } }

// WithAPIKey sets the default key: the credential of every http bearer and
// apiKey security scheme of the spec that has none set with its own option,
// sent as "Authorization: Bearer <key>" or where the apiKey scheme says (a
// spec that declares no security sends it as a bearer token). The default is
// the package's API-key environment variable. An empty key sends none. The
// key is never part of an error message.
func WithAPIKey(key string) Option {
	return func(c *config) {
		c.apiKey = nil
		if key != "" {
			c.apiKey = func() string { return key }
		}
	}
}

// WithHTTPClient sets the client that sends the requests. The default is an
// *http.Client on http.DefaultTransport that also drops Authorization on a
// redirect to another scheme, host or port. A custom doer is responsible for
// its own redirect policy. nil, or a nil *http.Client, restores the default.
func WithHTTPClient(c HTTPDoer) Option {
	return func(cfg *config) {
		cfg.doer = c
		if hc, ok := c.(*http.Client); c == nil || ok && hc == nil {
			cfg.doer = defaultHTTPClient
		}
	}
}

// WithMaxRetries sets how many times a failed attempt is retried; the default
// is 2, and a negative n means no retries.
func WithMaxRetries(n int) Option { return func(c *config) { c.maxRetries = max(n, 0) } }

// WithRequestTimeout bounds each attempt, reading the response included; zero
// or less means no bound. An attempt that times out is retried like a
// connection error, while the deadline of the caller's context ends the call.
// For a streamed response the bound also covers reading the stream.
func WithRequestTimeout(d time.Duration) Option { return func(c *config) { c.requestTimeout = d } }

// WithHeader sets a header on every request; it replaces any value the client
// would send itself. A name that is not an HTTP token, or a value holding a
// control character such as CR or LF, makes the calls fail before anything is
// sent.
func WithHeader(name, value string) Option {
	return func(c *config) {
		if err := checkHeader(name, value); err != nil {
			c.fail(fmt.Errorf("WithHeader: %w", err))
			return
		}
		c.headers = append(c.headers, headerField{name, value})
	}
}

// WithMiddleware adds middleware. The client's middleware runs before the
// call's, each group in the order given.
func WithMiddleware(mw ...Middleware) Option {
	return func(c *config) { c.middleware = append(c.middleware, mw...) }
}

// WithRetryNonIdempotent allows a POST or PATCH to be sent again after a
// connection error or timeout that may have happened after the server got
// the request, at the risk of doing the operation twice. Without it such a
// request is retried only when the connection could not be made at all, or
// when the server answered with a retryable status.
func WithRetryNonIdempotent() Option { return func(c *config) { c.retryNonIdempotent = true } }

// WithMaxRetryAfter caps how long a Retry-After or Retry-After-Ms header can
// make a retry wait; the default is 60 seconds, and a negative d means 0.
func WithMaxRetryAfter(d time.Duration) Option {
	return func(c *config) { c.maxRetryAfter = max(d, 0) }
}

// WithMaxRetryTime caps the time one call spends retrying: no retry is made
// whose wait would end more than d after the call's first attempt started,
// and the call returns the last error instead. It bounds a call with a high
// WithMaxRetries against a server that keeps asking for retries; the
// caller's context still bounds the call as a whole. The default is 3
// minutes, which the default retries never reach; zero or less removes the
// cap.
func WithMaxRetryTime(d time.Duration) Option {
	return func(c *config) { c.maxRetryTime = max(d, 0) }
}

// defaultMaxResponseSize is the default of WithMaxResponseSize.
const defaultMaxResponseSize = 256 << 20

// WithMaxResponseSize limits the size of a success body that the client reads
// into memory (to decode it, for a []byte result, or for WithResponseInto) to
// n bytes, counted after decompression. A larger body fails the call, without
// retries, with a *ResponseError whose Err is a *ResponseTooLargeError; a
// Content-Length above n fails it before the body is read. The default is 256
// MiB; zero or less removes the limit.
//
// The limit does not apply to a streamed result (an io.ReadCloser): that body
// is read by the caller, who decides how much to read (io.LimitReader). Error
// bodies are cut at 1 MiB, or at n when that is less (see APIError), and a
// body nobody asked for is not read past 1 MiB.
func WithMaxResponseSize(n int64) Option {
	return func(c *config) { c.maxResponseSize = max(n, 0) }
}

// defaultMaxPages is the default of WithMaxPages.
const defaultMaxPages = 10_000

// WithMaxPages caps how many pages one iteration of a ListAll method fetches;
// reaching it ends the iteration with an error matching ErrPageLimit. It
// stops a server whose pages never end (a total_pages that is absent, zero or
// huge, and a new page for every number). The default is 10,000 pages; zero
// or less removes the cap. Other methods ignore it.
func WithMaxPages(n int) Option { return func(c *config) { c.maxPages = max(n, 0) } }

// WithResponseInto stores the final HTTP response of the call in *dst, for
// both successes and API errors. Unless the call streams the body, the body
// has already been read and is replaced by a re-readable copy (for an error,
// the bounded part that was read, with the credentials redacted). Use it per
// call, not per client.
func WithResponseInto(dst **http.Response) Option { return func(c *config) { c.responseInto = dst } }

func (c *config) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// with returns a copy of c with opts applied. The slices are clipped so that
// appending for one call never writes into the client's backing arrays.
func (c *config) with(opts []Option) *config {
	cp := *c
	cp.headers = slices.Clip(cp.headers)
	cp.middleware = slices.Clip(cp.middleware)
	for _, o := range opts {
		if o != nil {
			o(&cp)
		}
	}
	return &cp
}

// send runs one attempt through the middleware chain and the doer.
func (c *config) send(req *http.Request) (*http.Response, error) {
	next := MiddlewareNext(c.doer.Do)
	for i := len(c.middleware) - 1; i >= 0; i-- {
		mw, inner := c.middleware[i], next
		next = func(req *http.Request) (*http.Response, error) { return mw(req, inner) }
	}
	res, err := next(req)
	if err == nil && res == nil {
		err = errors.New("the HTTP client or a middleware returned neither a response nor an error")
	}
	return res, err
}

// minSecretLen is the shortest credential that responses are searched for:
// replacing every occurrence of a shorter string would garble them, and so
// short a credential guards nothing.
const minSecretLen = 8

func (c *config) setResponse(res *http.Response) {
	if c.responseInto != nil {
		*c.responseInto = res
	}
	if c.pageHeader != nil {
		*c.pageHeader = res.Header
	}
}

// defaultHTTPClient is shared by all clients so that they share the default
// transport's connection pool.
var defaultHTTPClient = &http.Client{CheckRedirect: checkRedirect}

// checkRedirect drops the headers that carry credentials (Authorization,
// Cookie and the header of every apiKey scheme) when a redirect leaves the
// origin of the first request. net/http drops only the first two, and only
// for another domain: it keeps them for another port of the same host and
// for an https to http downgrade, and sends any other header anywhere.
// After 10 redirects the last response is returned and becomes an *APIError.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return http.ErrUseLastResponse
	}
	if first := via[0].URL; req.URL.Scheme != first.Scheme || req.URL.Host != first.Host {
		for _, h := range authHeaders() {
			req.Header.Del(h)
		}
	}
	return nil
}

// clientCore holds the client-level options; generated clients and services
// share one.
type clientCore struct{ cfg config }

// newClientCore applies opts over the defaults and the environment.
func newClientCore(opts []Option) *clientCore {
	cfg := config{
		baseURL:         defaultBaseURL,
		doer:            defaultHTTPClient,
		maxRetries:      2,
		maxRetryAfter:   time.Minute,
		maxRetryTime:    3 * time.Minute,
		maxResponseSize: defaultMaxResponseSize,
		maxPages:        defaultMaxPages,
		backoffBase:     500 * time.Millisecond,
		backoffMax:      8 * time.Second,
	}
	if u := os.Getenv(envBaseURL); u != "" {
		cfg.baseURL = u
	}
	WithAPIKey(os.Getenv(envAPIKey))(&cfg)
	return &clientCore{cfg: *cfg.with(opts)}
}

// maxPages is the page cap of WithMaxPages for an iteration with opts.
func (c *clientCore) maxPages(opts []Option) int { return c.cfg.with(opts).maxPages }

// do sends r, retrying as configured, and decodes a 2xx response into out:
// nil discards the body, *[]byte receives it raw, *io.ReadCloser receives the
// open stream (the caller closes it), and anything else is decoded as JSON.
// An empty body leaves out unchanged. Any other status becomes an *APIError.
//
// Bad responses:
//   - A 2xx body that is cut off or does not decode is a *ResponseError with
//     the status and the body (the start of a cut-off one; all of one that
//     does not decode, so that nothing of it is lost). A cut-off body is
//     retried where a connection error after sending would be; a body that
//     does not decode is not. The Content-Type is not checked: a body that
//     decodes is accepted whatever it claims to be (servers send JSON as
//     text/plain or text/html), and one that does not decode gets the
//     Content-Type named in the error.
//   - A 2xx body is read whole, up to maxResponseSize (WithMaxResponseSize)
//     after decompression; a larger one is a *ResponseError wrapping a
//     *ResponseTooLargeError, not retried. It is read once, into a buffer
//     sized from Content-Length when there is one (see readBody), and decoded
//     from that buffer. A gzip body that the transport left compressed (the
//     caller set its own Accept-Encoding) is decompressed here, so that the
//     limit counts what is decoded. A body nobody asked for
//     (out is nil and there is no WithResponseInto) is not kept: at most
//     maxErrorBody bytes are read, so that a short one leaves the connection
//     reusable, and the rest is dropped with the connection. An error body is
//     read up to maxErrorBody, whatever its status.
//   - A server that echoes a credential back does not put it in an error: in
//     an *APIError, a *ResponseError or any other error do returns, every
//     credential of the call (WithAPIKey's key, the keys, passwords and
//     tokens of the security schemes, as sent and as escaped in a query
//     string) is replaced by "[REDACTED]" (those shorter than minSecretLen
//     excepted).
//
// Credentials: see authPlan for which are sent. Token sources are asked
// before each attempt; an error from one ends the call unsent.
func (c *clientCore) do(ctx context.Context, r *request, out any, opts []Option) error {
	cfg := c.cfg.with(opts)
	secrets := cfg.secrets() // tokens are added as they arrive
	fail := func(err error) error {
		if _, ok := err.(*ResponseError); ok {
			return err // it names the operation itself
		}
		return redactError(fmt.Errorf("%s %s: %w", r.method, r.pathTemplate, err), secrets)
	}
	if cfg.err != nil {
		return fail(cfg.err)
	}
	r = r.withOptions(cfg) // extra query and body members, idempotency key
	base, err := r.build(cfg)
	if err != nil {
		return fail(err)
	}
	// The request body is stopped when do returns, unless a streamed
	// response takes it over (see cancelOnClose).
	stopBody := r.stopBody
	defer func() { stopBody() }()
	reqs := defaultSecurity
	if r.ownSecurity {
		reqs = r.security
	}
	plan := cfg.authPlan(reqs)
	start := time.Now()
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		actx, cancel := ctx, context.CancelFunc(func() {})
		if cfg.requestTimeout > 0 {
			actx, cancel = context.WithTimeout(ctx, cfg.requestTimeout)
		}
		req := base.Clone(actx)
		if err := r.attemptBody(req, base); err != nil {
			cancel()
			return fail(err)
		}
		if err := authorize(actx, req, plan, &secrets); err != nil {
			cancel()
			return fail(err)
		}
		for _, f := range cfg.headers { // WithHeader wins, over credentials too
			req.Header.Set(f.name, f.value)
		}
		req.Header.Set("X-Retry-Count", strconv.Itoa(attempt))
		res, err := cfg.sendLogged(ctx, req, attempt, secrets)
		if err == nil && res.Body == nil {
			res.Body = http.NoBody // a custom HTTPDoer or a middleware may leave it nil
		}

		if err == nil && res.StatusCode >= 200 && res.StatusCode < 300 {
			if rc, ok := out.(*io.ReadCloser); ok {
				res.Body = &cancelOnClose{res.Body, cancel, stopBody}
				stopBody = func() {}
				*rc = res.Body
				cfg.setResponse(res)
				return nil
			}
			if out == nil && cfg.responseInto == nil {
				discard(res.Body)
				cancel()
				return nil
			}
			body, rerr := readSuccessBody(res, cfg.maxResponseSize)
			res.Body.Close()
			cancel()
			var tooLarge *ResponseTooLargeError
			if errors.As(rerr, &tooLarge) {
				// The same body would come again: not retried. The response
				// keeps the bounded part the error keeps, not the buffer.
				rerr := newResponseError(r, res, opRead, rerr, body, secrets)
				res.Body = io.NopCloser(bytes.NewReader(rerr.Body))
				cfg.setResponse(res)
				return rerr
			}
			res.Body = io.NopCloser(bytes.NewReader(body))
			cfg.setResponse(res)
			if rerr == nil {
				if err := decodeInto(out, body); err != nil {
					return newResponseError(r, res, opDecode, err, body, secrets)
				}
				return nil
			}
			// The server handled the request but the body was cut off: retry
			// only where a connection error after sending would be retried.
			err = newResponseError(r, res, opRead, rerr, body, secrets)
		}

		var delay time.Duration
		var body []byte
		var truncated bool
		retry := attempt < cfg.maxRetries && r.replayable()
		if err != nil {
			cancel()
			if ctx.Err() != nil {
				return fail(ctx.Err())
			}
			retry = retry && (r.idempotent() || cfg.retryNonIdempotent || notSent(err))
			delay = cfg.backoff(attempt)
		} else {
			body, truncated = readBounded(res, cfg.errorBodyLimit())
			cancel()
			retry = retry && shouldRetry(res)
			delay = cfg.retryDelay(res.Header, attempt)
		}
		if retry && cfg.maxRetryTime > 0 && time.Since(start)+delay > cfg.maxRetryTime {
			retry = false // WithMaxRetryTime: the wait would end past the cap
		}
		if !retry {
			if err != nil {
				return fail(err)
			}
			body = redact(body, secrets)
			redactHeader(res.Header, secrets)
			res.Body = io.NopCloser(bytes.NewReader(body))
			cfg.setResponse(res)
			return newAPIError(r, res, body, truncated)
		}
		if err := sleep(ctx, delay); err != nil {
			return fail(err)
		}
	}
}

// decodeInto stores a successful body in out as described on do.
func decodeInto(out any, body []byte) error {
	switch o := out.(type) {
	case nil:
		return nil
	case *[]byte:
		*o = body
		return nil
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	// The codec checks the syntax as it decodes, in the same single pass:
	// no json.Valid first, and no copy of the body.
	return decodeValue(body, out)
}

// maxPrealloc caps the buffer allocated for a body from its Content-Length
// before any of it has arrived: a server can state any length for free.
const maxPrealloc = 16 << 20

// minProbe is the least first buffer of a body stated longer than
// maxPrealloc (see readBody).
const minProbe = 1 << 20

// readBody reads r to its end, or to limit bytes when limit is not negative.
// It is io.ReadAll with fewer copies: the buffer starts at size, the
// Content-Length, when that is known, up to maxPrealloc, and when full it
// doubles, but not past size, where append grows it by a quarter. Under a
// limit, a length that its first buffer has borne out is allocated whole at
// the second step, rather than doubled towards, which left the copies behind
// (a 100 MB body cost 212 MB). For a length past maxPrealloc that first
// buffer is a sixteenth of it (at least minProbe, at most maxPrealloc): it
// is garbage once the body is copied out of it, and a whole maxPrealloc of
// it was still in the heap at the end of decoding a 100 MB body whenever no
// collection had come between (its peak 2.31 times the body, not 2.15). A
// false length then costs at most sixteen times what arrived, as a length
// of maxPrealloc's sixteen times always could, and at most the limit the
// caller chose. A body of N bytes costs N bytes up to maxPrealloc and N plus
// N/16 above it (at most N plus maxPrealloc) when its length is known, 2N
// to 4N when not; io.ReadAll costs about 5N. On a read error it returns what
// arrived.
func readBody(r io.Reader, size int64, limit int) ([]byte, error) {
	n := 512
	if size > maxPrealloc {
		n = int(min(max(size/16, minProbe), maxPrealloc))
	} else if size > 0 {
		n = int(size) + 1 // +1: room to see EOF without growing
	}
	if limit >= 0 {
		n = min(n, limit)
	}
	b := make([]byte, 0, n)
	for limit < 0 || len(b) < limit {
		if len(b) == cap(b) {
			more := cap(b)
			if rest := size + 1 - int64(len(b)); rest > 0 {
				if limit >= 0 {
					more = int(min(rest, int64(limit-len(b))))
				} else {
					more = int(min(int64(more), rest))
				}
			}
			if limit >= 0 {
				more = min(more, limit-len(b))
			}
			nb := make([]byte, len(b), len(b)+more) // exactly: append would round up by a quarter
			copy(nb, b)
			b = nb
		}
		end := cap(b)
		if limit >= 0 {
			end = min(end, limit)
		}
		m, err := r.Read(b[len(b):end])
		b = b[:len(b)+m]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
	return b, nil
}

// readSuccessBody reads a whole success body, decompressed (see
// decompressed), up to limit bytes when limit is above zero. A larger body
// is a *ResponseTooLargeError, returned with what was read; one whose
// Content-Length is larger is refused unread. A read error says how much
// arrived.
func readSuccessBody(res *http.Response, limit int64) ([]byte, error) {
	if limit > 0 && res.ContentLength > limit && !isCompressed(res) {
		return nil, &ResponseTooLargeError{Limit: limit, ContentLength: res.ContentLength}
	}
	r, decoded, err := decompressed(res)
	if err != nil {
		return nil, err
	}
	size := res.ContentLength
	if decoded || res.Uncompressed {
		size = -1 // a compressed length says nothing of the decoded size
	}
	max := -1
	if limit > 0 {
		max = int(min(limit, math.MaxInt-1))
	}
	b, more, err := readLimited(r, size, max)
	switch {
	case more:
		return b, &ResponseTooLargeError{Limit: limit, ContentLength: -1, Decompressed: decoded || res.Uncompressed}
	case err == nil:
	case size >= 0:
		err = fmt.Errorf("%w after %d of %d bytes", err, len(b), size)
	default:
		err = fmt.Errorf("%w after %d bytes", err, len(b))
	}
	return b, err
}

// readLimited is readBody that also reports whether the body goes on past
// limit. It looks for the byte after the limit in a separate one-byte read,
// so that a body of exactly limit bytes is not copied into a bigger buffer.
func readLimited(r io.Reader, size int64, limit int) (b []byte, more bool, err error) {
	b, err = readBody(r, size, limit)
	if err != nil || limit < 0 || len(b) < limit {
		return b, false, err
	}
	var probe [1]byte
	n, err := io.ReadFull(r, probe[:])
	if n > 0 {
		return b, true, nil
	}
	if err == io.EOF {
		err = nil
	}
	return b, false, err
}

// isCompressed reports whether res arrived with a Content-Encoding that the
// transport did not undo, so that its Content-Length counts encoded bytes.
func isCompressed(res *http.Response) bool {
	ce := res.Header.Get("Content-Encoding")
	return !res.Uncompressed && ce != "" && !strings.EqualFold(ce, "identity")
}

// decompressed returns the body of res to read, and whether it is gunzipped
// here. Go's transport undoes gzip itself only when it asked for it; a
// caller that sets its own Accept-Encoding (WithHeader) gets the encoded
// body, which is undone here so that the limits count decoded bytes. As the
// transport does, it then drops Content-Encoding and Content-Length from the
// headers and sets Uncompressed. Other encodings are left as they came.
func decompressed(res *http.Response) (io.Reader, bool, error) {
	if res.Uncompressed || !strings.EqualFold(strings.TrimSpace(res.Header.Get("Content-Encoding")), "gzip") {
		return res.Body, false, nil
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		return nil, false, fmt.Errorf("Content-Encoding gzip: %w", err)
	}
	res.Header.Del("Content-Encoding")
	res.Header.Del("Content-Length")
	res.ContentLength = -1
	res.Uncompressed = true
	return zr, true, nil
}

// ResponseTooLargeError is the Err of a *ResponseError when a success body is
// larger than the limit set with WithMaxResponseSize.
type ResponseTooLargeError struct {
	Limit         int64 // the limit in bytes
	ContentLength int64 // the stated length, when the body was refused for it; else -1
	Decompressed  bool  // whether the limit was reached counting decompressed bytes
}

func (e *ResponseTooLargeError) Error() string {
	msg := "the body is larger than " + formatSize(e.Limit) + ", the limit set by WithMaxResponseSize"
	switch {
	case e.ContentLength >= 0:
		msg += " (Content-Length " + strconv.FormatInt(e.ContentLength, 10) + ")"
	case e.Decompressed:
		msg += " (after decompression)"
	}
	return msg
}

// formatSize writes n bytes as a person would: "256 MiB", "1 KiB",
// "1000 bytes".
func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// discard drops a success body nobody wants. It reads at most maxErrorBody
// bytes, so that a short body leaves the connection reusable, then closes it,
// which drops the connection if more remains. A read error is ignored: the
// status already said the call succeeded.
func discard(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, maxErrorBody))
	body.Close()
}

// cancelOnClose ends the attempt's timeout context, and the sending of a
// streamed request body, when a streamed response body is closed; ending
// either earlier would cut the stream: a server may answer an upload before
// it has read all of it (a transcoder, a transcription streamed as events),
// and net/http drops the connection when the request body fails.
type cancelOnClose struct {
	io.ReadCloser
	cancel   context.CancelFunc
	stopBody func()
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.stopBody() // after the connection is let go: no read of the upload is left waiting
	b.cancel()
	return err
}
