package main

import (
	"context"
	"crypto/subtle"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"lextraite/corpus"
	"lextraite/indexer"
	"lextraite/site"
)

// serveConfig holds the flags of `lextraite serve`; the access credentials
// come from the environment (LEXTRAITE_TOKEN, LEXTRAITE_USER and
// LEXTRAITE_PASSWORD), never from the command line.
type serveConfig struct {
	indexConfig
	Addr           string
	Open           bool
	TrustedProxies string
	PublicURL      string
	// Cache is how many recent search responses are kept per index
	// generation (0: none).
	Cache          int
	Token          string
	User, Password string
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer, logger *slog.Logger) error {
	var cfg serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Index, "index", "", "dossier de l'index (obligatoire)")
	fs.Var(&cfg.Corpus, "corpus", "dossier du corpus (répétable) : reconstruit l'index s'il manque ou si le corpus a changé")
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "adresse d'écoute")
	fs.BoolVar(&cfg.Open, "open", false, "autoriser l'écoute hors de la boucle locale sans identifiants")
	fs.StringVar(&cfg.TrustedProxies, "trusted-proxies", "", "mandataires de confiance (IP ou CIDR, séparés par des virgules)")
	fs.StringVar(&cfg.PublicURL, "public-url", "", "adresse publique du site, pour les liens absolus")
	fs.IntVar(&cfg.Cache, "cache", 1000, "réponses de recherche récentes gardées en mémoire (0 : aucune)")
	addIndexFlags(fs, &cfg.indexConfig)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.Index == "" {
		return usageErr("serve demande -index DIR")
	}
	cfg.Token = os.Getenv("LEXTRAITE_TOKEN")
	cfg.User, cfg.Password = os.Getenv("LEXTRAITE_USER"), os.Getenv("LEXTRAITE_PASSWORD")
	loopback, err := isLoopback(cfg.Addr)
	if err != nil {
		return usageErr("-addr %s : %v", cfg.Addr, err)
	}
	if !loopback && !cfg.Open && cfg.Token == "" && (cfg.User == "" || cfg.Password == "") {
		return usageErr("écouter sur %s (hors boucle locale) demande LEXTRAITE_TOKEN ou LEXTRAITE_USER et LEXTRAITE_PASSWORD, ou l'option -open", cfg.Addr)
	}

	if len(cfg.Corpus) > 0 {
		stale, why, err := indexStale(cfg.Index, cfg.Corpus, cfg.Meta)
		if err != nil {
			return err
		}
		if stale {
			logger.Info("construction de l'index", "raison", why, "corpus", cfg.Corpus)
			sum, err := buildIndex(ctx, cfg.indexConfig, stderr)
			if sum != nil {
				sum.print(stdout)
			}
			if err != nil {
				return err
			}
		} else if st, err := indexer.ReadStats(cfg.Index); err == nil {
			built := st.BuiltAt
			if t, err := time.Parse(time.RFC3339, st.BuiltAt); err == nil {
				built = t.Local().Format("02/01/2006 à 15:04")
			}
			fmt.Fprintf(stdout, "Index à jour : %d documents, %d dispositions, construit le %s ; aucun fichier du corpus n'a changé depuis.\n",
				st.Documents, st.Provisions, built)
		}
	}
	live, err := indexer.OpenLive(cfg.Index)
	if err != nil {
		return fmt.Errorf("%w (lancer d'abord : lextraite index -corpus DIR -index %s)", err, cfg.Index)
	}
	defer live.Close()
	live.SetCacheSize(cfg.Cache)

	var proxies []string
	for _, p := range strings.Split(cfg.TrustedProxies, ",") {
		if p = strings.TrimSpace(p); p != "" {
			proxies = append(proxies, p)
		}
	}
	h, err := site.New(live, site.Config{TrustedProxies: proxies, PublicURL: cfg.PublicURL, Logger: logger,
		Citations: citationGraph{live}})
	if err != nil {
		return err
	}
	h = requireAuth(h, cfg.Token, cfg.User, cfg.Password)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "lextraite : site ouvert sur http://%s/ (Ctrl+C pour arrêter)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("arrêt du serveur")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		// Slow clients still downloading after 10 s: cut them off.
		logger.Warn("arrêt forcé : des téléchargements n'étaient pas finis", "erreur", err)
		_ = srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// isLoopback reports whether addr ("host:port") listens only on the
// loopback interface. An empty host means every interface.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, err
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// indexStale reports whether the index in dir is missing or was built
// from other files than the corpus folders and metadata folder hold now
// (a file added, even with an old date, removed or changed; other
// folders) or by another version of lextraite, with the reason.
func indexStale(dir string, roots []string, metaDir string) (bool, string, error) {
	built, err := indexer.ReadStats(dir)
	if err != nil {
		if errors.Is(err, indexer.ErrNoIndex) || errors.Is(err, os.ErrNotExist) {
			return true, "pas d'index", nil
		}
		return false, "", err
	}
	fp, err := fingerprint(roots, metaDir)
	if err != nil {
		return false, "", err
	}
	switch {
	case strings.Join(built.Corpus, "\n") != strings.Join(fp.roots, "\n"):
		return true, "index construit à partir d'autres dossiers (" + strings.Join(built.Corpus, ", ") + ")", nil
	case built.Fingerprint != fp.sum:
		return true, "fichiers ajoutés, modifiés ou supprimés depuis la dernière indexation", nil
	case built.Program != corpus.ProgramHash():
		return true, "index construit par une autre version de lextraite", nil
	}
	return false, "", nil
}

// requireAuth protects h with a bearer token (Authorization: Bearer …, or
// as the password of HTTP basic authentication) or with a user and
// password, when set. /healthz stays open for monitoring.
func requireAuth(h http.Handler, token, user, password string) http.Handler {
	if token == "" && (user == "" || password == "") {
		return h
	}
	eq := func(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			h.ServeHTTP(w, r)
			return
		}
		if token != "" {
			if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") && eq(strings.TrimPrefix(auth, "Bearer "), token) {
				h.ServeHTTP(w, r)
				return
			}
			if _, p, ok := r.BasicAuth(); ok && eq(p, token) {
				h.ServeHTTP(w, r)
				return
			}
		}
		if user != "" && password != "" {
			if u, p, ok := r.BasicAuth(); ok && eq(u, user) && eq(p, password) {
				h.ServeHTTP(w, r)
				return
			}
		}
		h := w.Header()
		h.Set("WWW-Authenticate", `Basic realm="lextraite", charset="UTF-8"`)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		h.Set("X-Frame-Options", "DENY")
		http.Error(w, "Identifiants requis (jeton LEXTRAITE_TOKEN ou utilisateur et mot de passe).", http.StatusUnauthorized)
	})
}

// citationGraph adapts the index's citation links to the site's hook.
type citationGraph struct{ live *indexer.Live }

func (g citationGraph) Cites(id string) []site.CitationRef   { return refs(g.live.Cites(id)) }
func (g citationGraph) CitedBy(id string) []site.CitationRef { return refs(g.live.CitedBy(id)) }

func refs(links []indexer.Link) []site.CitationRef {
	out := make([]site.CitationRef, len(links))
	for i, l := range links {
		out[i] = site.CitationRef{ID: l.ID, DocID: l.DocID, Anchor: l.Anchor, Label: l.Label, Kind: l.Kind}
	}
	return out
}
