// Package site serves lextraite's French web interface and JSON API: the
// search page, document pages with article permalinks, the corpus overview,
// the comparison and export of a working set of provisions, and /api/….
//
// URLs and JSON shapes follow the Contracts section of DESIGN.md. The site
// reads everything through the small Searcher interface; it never parses
// files nor knows about bleve. Templates and static assets are embedded, so
// the binary serves the whole interface without any external resource.
package site

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lextraite/corpus"
	"lextraite/indexer"
)

// Searcher is what the site needs from the index. package indexer
// implements it with bleve; tests use a fake.
type Searcher interface {
	// Search runs one query; errors wrapping indexer.ErrBadQuery are the
	// user's to fix and become 400.
	Search(ctx context.Context, r indexer.Request) (*indexer.Response, error)
	// Document returns the document with that id, or false.
	Document(id string) (*corpus.Document, bool)
	// Documents returns every indexed document, for /corpus.
	Documents() []*corpus.Document
	// Stats describes the last build, for /corpus.
	Stats() indexer.Stats
}

// Config is the site's configuration, parsed once by the command.
type Config struct {
	// TrustedProxies are the networks (IPs or CIDRs) whose X-Forwarded-For
	// is believed for the client address. None by default.
	TrustedProxies []string
	// PublicURL is the site's absolute address without a trailing slash
	// ("https://lextraite.example.org"); when set, copied references,
	// exports and printouts carry absolute links. Optional.
	PublicURL string
	// Logger receives one line per request (5xx as errors, 4xx lower) and
	// the details of internal errors. Nil discards.
	Logger *slog.Logger
	// Dev re-parses the templates from DevDir on every request, so template
	// edits show without a rebuild.
	Dev bool
	// DevDir is the directory holding templates/ in Dev mode; "site" when
	// empty (run from the module root).
	DevDir string
	// SearchTimeout bounds one search; 10 s when zero.
	SearchTimeout time.Duration
	// MaxSearches bounds the searches run at once (2 per CPU when zero):
	// beyond it a request waits for a free slot, within SearchTimeout,
	// instead of every search of a burst sharing the CPU until all of
	// them time out; one that waited too long gets a 503.
	MaxSearches int
	// Citations is the citation graph for /api/provision; nil means none
	// yet (empty cites and cited_by).
	Citations CitationGraph
}

// server holds the state shared by the handlers.
type server struct {
	s         Searcher
	cfg       Config
	log       *slog.Logger
	tmpl      *templates
	slots     chan struct{} // one per search running (MaxSearches)
	static    *staticFiles
	citations CitationGraph
	partsMemo partCache
	defs      defCache // definitions matrix, per generation
}

// New returns the site's HTTP handler. It fails if a template does not
// parse or a trusted proxy is not a valid address.
func New(s Searcher, cfg Config) (http.Handler, error) {
	if s == nil {
		return nil, fmt.Errorf("site: nil Searcher")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.SearchTimeout <= 0 {
		cfg.SearchTimeout = 10 * time.Second
	}
	if cfg.MaxSearches <= 0 {
		cfg.MaxSearches = 2 * runtime.GOMAXPROCS(0)
	}
	if cfg.DevDir == "" {
		cfg.DevDir = "site"
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")

	st, err := loadStatic()
	if err != nil {
		return nil, fmt.Errorf("site: static assets: %w", err)
	}
	srv := &server{s: s, cfg: cfg, log: cfg.Logger, static: st, citations: cfg.Citations, slots: make(chan struct{}, cfg.MaxSearches)}
	if srv.citations == nil {
		srv.citations = noCitations{}
	}
	tm, err := parseTemplates(templateFS, srv.funcs())
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	if cfg.Dev {
		if _, err := parseTemplates(os.DirFS(cfg.DevDir), srv.funcs()); err != nil {
			return nil, fmt.Errorf("site: mode dev, %s : %w", cfg.DevDir, err)
		}
		tm.useDevDir(cfg.DevDir)
	}
	srv.tmpl = tm

	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	if len(cfg.TrustedProxies) == 0 {
		cfg.TrustedProxies = nil
	}
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, fmt.Errorf("site: trusted proxies: %w", err)
	}
	// gin's own trailing-slash redirect honours X-Forwarded-Prefix from
	// anyone; serveHTTP below redirects itself, to the same path only.
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	r.Use(srv.logRequests, srv.recoverPanic)

	r.GET("/", srv.page(srv.handleHome))
	r.GET("/recherche", srv.page(srv.handleSearch))
	r.GET("/doc/:doc_id", srv.page(srv.handleDocument))
	r.GET("/doc/:doc_id/:anchor", srv.page(srv.handleProvisionRedirect))
	r.GET("/corpus", srv.page(srv.handleCorpus))
	r.GET("/comparer", srv.page(srv.handleCompare))
	r.GET("/comparer/definitions", srv.page(srv.handleDefinitions))
	r.GET("/export", srv.page(srv.handleExport))
	r.GET("/selection", srv.page(srv.handleSelection))
	r.POST("/selection", srv.page(srv.handleSelectionPost))
	r.GET("/static/:file", srv.handleStatic)

	r.GET("/api/search", srv.api(srv.apiSearch))
	r.GET("/api/doc/:doc_id", srv.api(srv.apiDocument))
	r.GET("/api/provision/:doc_id/:anchor", srv.api(srv.apiProvision))
	r.GET("/api/definitions", srv.api(srv.apiDefinitions))
	r.GET("/healthz", srv.api(srv.healthz))

	// A known address asked with another method: 405 with the methods it
	// answers in Allow (gin sets it), in the page's or the API's format.
	r.HandleMethodNotAllowed = true
	r.NoMethod(func(c *gin.Context) {
		err := fmt.Errorf("%w : cette adresse ne répond qu'à %s", errMethod, c.Writer.Header().Get("Allow"))
		if strings.HasPrefix(c.Request.URL.Path, "/api/") {
			srv.serveJSONError(c, err)
			return
		}
		srv.serveHTMLError(c, err)
	})
	r.NoRoute(func(c *gin.Context) {
		err := fmt.Errorf("%w : aucune page à cette adresse", errNotFound)
		if strings.HasPrefix(c.Request.URL.Path, "/api/") {
			srv.serveJSONError(c, err)
			return
		}
		srv.serveHTMLError(c, err)
	})
	return serveHTTP(r), nil
}

// serveHTTP sets the security headers on every response, redirects and
// router misses included, redirects "/corpus/" to "/corpus", and answers
// HEAD as GET without a body (RFC 9110 §9.3.2): the router sees a GET
// copy of the request, while net/http, holding the original HEAD request,
// drops the body.
func serveHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		setSecurityHeaders(w.Header())
		if req.Method == http.MethodHead {
			req = req.Clone(req.Context())
			req.Method = http.MethodGet
		}
		p := req.URL.Path
		if len(p) > 1 && strings.HasSuffix(p, "/") && req.Method == http.MethodGet {
			target := strings.TrimRight(p, "/")
			// Never "//host": that would leave the site.
			if target != "" && !strings.HasPrefix(target, "//") && !strings.Contains(target, "\\") {
				u := url.URL{Path: target, RawQuery: req.URL.RawQuery}
				http.Redirect(w, req, u.RequestURI(), http.StatusMovedPermanently)
				return
			}
		}
		next.ServeHTTP(w, req)
	})
}
