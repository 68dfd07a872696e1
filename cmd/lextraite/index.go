package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"lextraite/corpus"
	"lextraite/indexer"
)

// indexConfig holds the flags of `lextraite index`.
type indexConfig struct {
	// Corpus lists the corpus folders, read one after the other (the shared
	// corpus, then a user's own texts): -corpus may be repeated.
	Corpus      corpusList
	Index, Meta string
	Quiet       bool
	// NoOCR reports scanned PDFs instead of recognising them; OCRCache is
	// where recognised text is kept by file hash ("" the user cache).
	NoOCR    bool
	OCRCache string
	// NoCache parses every file again instead of reading unchanged ones
	// from the parse cache (INDEX/parse-cache).
	NoCache bool
	// Full rebuilds every bleve document instead of applying the changes
	// to a copy of the previous index (indexer.BuildFull).
	Full bool
}

// addIndexFlags declares the flags shared by index and serve.
func addIndexFlags(fs *flag.FlagSet, cfg *indexConfig) {
	fs.StringVar(&cfg.Meta, "meta", "", "dossier de métadonnées (YAML) qui reflète les chemins du corpus")
	fs.BoolVar(&cfg.Quiet, "q", false, "sans barre de progression")
	fs.BoolVar(&cfg.NoOCR, "no-ocr", false, "ne pas océriser les PDF numérisés (ils sont signalés « à océriser »)")
	fs.BoolVar(&cfg.NoCache, "no-cache", false, "relire tous les fichiers sans le cache d'analyse (INDEX/parse-cache)")
	fs.BoolVar(&cfg.Full, "full", false, "reconstruire tout l'index au lieu de n'y appliquer que les changements")
	fs.StringVar(&cfg.OCRCache, "ocr-cache", "", "dossier du cache de reconnaissance optique (défaut : cache utilisateur)")
}

func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg indexConfig
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Var(&cfg.Corpus, "corpus", "dossier du corpus à lire (obligatoire ; répétable : -corpus ../shared/corpus -corpus mes-textes)")
	fs.StringVar(&cfg.Index, "index", "", "dossier de l'index à construire (obligatoire)")
	addIndexFlags(fs, &cfg)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(cfg.Corpus) == 0 || cfg.Index == "" {
		return usageErr("index demande -corpus DIR et -index DIR")
	}
	sum, err := buildIndex(ctx, cfg, stderr)
	if sum != nil {
		sum.print(stdout)
	}
	return err
}

// summary is what `lextraite index` reports at the end.
type summary struct {
	stats      indexer.Stats
	incomplete []*corpus.Document
	// parsed and cached count the files (or folders) parsed and those
	// read back unchanged from the parse cache.
	parsed, cached int
	took           time.Duration
}

func (s *summary) print(w io.Writer) {
	fmt.Fprintf(w, "\nFichiers vus : %d\nDocuments indexés : %d\nDispositions (articles) : %d\nDurée : %s\n",
		s.stats.FilesSeen, s.stats.Documents, s.stats.Provisions, s.took.Round(time.Millisecond))
	fmt.Fprintf(w, "Textes (un fichier, ou un dossier d'articles lu comme un seul texte) : %d analysés, %d inchangés repris du cache\n", s.parsed, s.cached)
	if u := s.stats.Update; u != nil {
		switch u.Mode {
		case indexer.ModeIncremental:
			fmt.Fprintf(w, "Index mis à jour (incrémental) : %d entrées ajoutées, %d modifiées, %d supprimées (une entrée par document et par disposition)\n", u.Added, u.Changed, u.Removed)
			for _, l := range []struct {
				what string
				ids  []string
			}{{"ajoutés", u.DocsAdded}, {"modifiés", u.DocsChanged}, {"retirés", u.DocsRemoved}} {
				if len(l.ids) > 0 {
					fmt.Fprintf(w, "  Documents %s (%d) : %s\n", l.what, len(l.ids), listIDs(l.ids, 20))
				}
			}
		default:
			fmt.Fprintf(w, "Index reconstruit en entier : %s\n", u.Reason)
		}
	}
	if len(s.stats.Skipped) > 0 {
		fmt.Fprintf(w, "\nFichiers non indexés : %d\n", len(s.stats.Skipped))
		for _, sk := range s.stats.Skipped {
			fmt.Fprintf(w, "  - %s : %s\n", sk.Where(), sk.Reason)
		}
	}
	if len(s.stats.Warnings) > 0 {
		fmt.Fprintf(w, "\nAvertissements (fichiers indexés, à vérifier) : %d\n", len(s.stats.Warnings))
		for _, wa := range s.stats.Warnings {
			fmt.Fprintf(w, "  - %s : %s\n", wa.Where(), wa.Reason)
		}
	}
	if len(s.incomplete) > 0 {
		fmt.Fprintf(w, "\nDocuments aux métadonnées incomplètes : %d (compléter par un fichier NOM.meta.yaml)\n", len(s.incomplete))
		for i, d := range s.incomplete {
			if i == 20 {
				fmt.Fprintf(w, "  … et %d autres (voir /corpus sur le site)\n", len(s.incomplete)-20)
				break
			}
			fmt.Fprintf(w, "  - %s (%s) : manque %s\n", d.Source, d.ID, strings.Join(corpus.FieldLabels(d.Incomplete), ", "))
		}
	}
}

// listIDs joins ids with ", ", the first max of them, then « … et N
// autres ».
func listIDs(ids []string, max int) string {
	if len(ids) <= max {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s … et %d autres", strings.Join(ids[:max], ", "), len(ids)-max)
}

// buildIndex loads the corpus and builds the index, showing progress bars
// on a terminal. It fails when no document could be indexed.
func buildIndex(ctx context.Context, cfg indexConfig, stderr io.Writer) (*summary, error) {
	start := time.Now()
	ovl, err := overlays(cfg.Meta)
	if err != nil {
		return nil, err
	}
	tty := !cfg.Quiet && isTerminal(stderr)
	var bar *progressbar.ProgressBar
	opt := corpus.Options{Overlays: ovl, OCR: corpus.OCRConfig{Disabled: cfg.NoOCR, CacheDir: cfg.OCRCache}}
	if tty {
		opt.Units = func(n int) {
			bar = newBar(n, "Lecture des fichiers", stderr)
		}
		opt.Progress = func(_ string, files int) { _ = bar.Add(files) }
		opt.OCR.Progress = func(done, total int) {
			if bar != nil {
				bar.Describe(fmt.Sprintf("Reconnaissance optique : page %d/%d", done, total))
			}
		}
	}
	if !cfg.NoCache {
		opt.Cache = corpus.NewParseCache(parseCacheDir(cfg.Index))
	}
	fp, err := fingerprint(cfg.Corpus, cfg.Meta)
	if err != nil {
		return nil, err
	}
	var reps []*corpus.Report
	for _, root := range cfg.Corpus {
		r, err := corpus.LoadDir(root, opt)
		if err != nil {
			return nil, err
		}
		if len(cfg.Corpus) > 1 && bar != nil {
			_ = bar.Finish()
			fmt.Fprintln(stderr)
		}
		if len(cfg.Corpus) > 1 {
			for i := range r.Skipped {
				r.Skipped[i].Root = root
			}
			for i := range r.Warnings {
				r.Warnings[i].Root = root
			}
		}
		reps = append(reps, r)
	}
	rep := corpus.MergeReports(reps...)
	if opt.Cache != nil {
		_ = opt.Cache.Prune() // entries of removed or changed files; only disk space is at stake
	}
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(stderr)
	}
	corpus.Resolve(rep.Documents, corpus.DefaultCatalog())
	stats := indexer.Stats{FilesSeen: rep.FilesSeen, Skipped: rep.Skipped, Warnings: rep.Warnings, Corpus: fp.roots, Fingerprint: fp.sum}
	sum := &summary{stats: stats, parsed: rep.Parsed, cached: rep.Cached}
	for _, d := range rep.Documents {
		sum.stats.Documents++
		sum.stats.Provisions += len(d.Provisions)
		if len(d.Incomplete) > 0 {
			sum.incomplete = append(sum.incomplete, d)
		}
	}
	if len(rep.Documents) == 0 {
		sum.took = time.Since(start)
		return sum, fmt.Errorf("aucun document indexé dans %s", strings.Join(cfg.Corpus, ", "))
	}
	var progress func(done, total int)
	if tty {
		var ib *progressbar.ProgressBar
		progress = func(done, total int) {
			if ib == nil {
				ib = newBar(total, "Indexation", stderr)
			}
			_ = ib.Set(done)
		}
		defer func() {
			if ib != nil {
				_ = ib.Finish()
				fmt.Fprintln(stderr)
			}
		}()
	}
	build := indexer.Build
	if cfg.Full {
		build = indexer.BuildFull
	}
	if err := build(ctx, cfg.Index, rep.Documents, stats, progress); err != nil {
		return sum, fmt.Errorf("construction de l'index : %w", err)
	}
	if st, err := indexer.ReadStats(cfg.Index); err == nil {
		sum.stats.Update = st.Update
	}
	sum.took = time.Since(start)
	return sum, nil
}

// parseCacheDir is where the parse cache of the index at dir is kept:
// beside the generations, so it survives every rebuild.
func parseCacheDir(index string) string {
	return filepath.Join(index, "parse-cache")
}

func newBar(n int, desc string, w io.Writer) *progressbar.ProgressBar {
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
