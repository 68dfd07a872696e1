package main

// `lextraite bench` and `lextraite loadtest`: speed and load figures, printed,
// never asserted (issue 6, "Load and speed").
//
// For each scale of a synthetic corpus (the real documents replicated under
// new ids that say "synth", built in memory), bench runs two child processes
// of itself, so that each peak RSS is its own:
//
//   - bleve: load the corpus, replicate it, indexer.Build, measure the size on
//     disk, open the index and time a fixed mix of French queries (top 10
//     with highlights, facets and totals as the site asks for them);
//   - fts5: the same texts in SQLite FTS5 (unicode61 remove_diacritics 2),
//     optimized, and the same queries through bm25() and snippet().
//
// It then starts a real `lextraite serve` on a free loopback port over the
// built index, times the query mix through HTTP (one client), and runs two
// bounded load phases: N clients as fast as they can, then a fixed arrival
// rate, each for a set duration. Every request goes to 127.0.0.1 only.

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite with FTS5, the comparison engine

	"lextraite/corpus"
	"lextraite/indexer"
)

// benchQueries is the fixed query mix: what magistrates and trainers type,
// in French, with the operators of the query language. Queries are the same
// for bleve, FTS5 (translated by fts5Match) and HTTP.
var benchQueries = []string{
	"traite des êtres humains",
	"225-4-1",
	"trafic illicite de migrants",
	"exploitation sexuelle",
	"travail forcé",
	`"traite des personnes"`,
	"esclavage",
	"réduction en servitude",
	"article 3 protocole traite",
	"consentement de la victime",
	"mineur de dix-huit ans",
	"proxénétisme aggravé",
	"aide à l'entrée et au séjour irréguliers",
	"titre de séjour victime",
	"confiscation des biens",
	"criminalité transnationale organisée",
	"protection des victimes",
	"peine d'emprisonnement et amende",
	"prélèvement d'organes",
	"mendicité enfants",
	"conditions de travail contraires à la dignité",
	"enlèvement séquestration",
	"servitude OR esclavage",
	"+esclavage -travail",
	"article 499 code pénal bénin",
	"etres humains",
	"coopération judiciaire extradition",
	"pires formes de travail des enfants",
}

// benchConfig holds the flags of `lextraite bench`.
type benchConfig struct {
	Corpus, Meta string
	// Scales are the replication factors (1 = the real corpus).
	Scales []int
	// Queries is the number of timed searches per engine and scale.
	Queries int
	// Clients, Duration: the closed-loop load phase; Rate: the arrival rate
	// of the fixed-rate phase (0 skips it).
	Clients  int
	Duration time.Duration
	Rate     int
	// Work holds the indexes while they are measured; a temporary folder,
	// removed at the end, when empty.
	Work string
	Keep bool
	// JSON, when set, receives every figure as JSON.
	JSON string

	// Profile, when set, is a folder where each child writes CPU profiles
	// of its indexing and of its searches (bleve-10-build.cpu,
	// fts5-10-query.cpu…).
	Profile string

	// child and scale run one measurement in this process (internal).
	child string
	scale int
}

// The limits of a load phase: it always stops by itself.
const (
	maxLoadDuration = 5 * time.Minute
	maxLoadClients  = 256
	requestTimeout  = 10 * time.Second
)

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg benchConfig
	var scales string
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Corpus, "corpus", "", "dossier du corpus réel à répliquer (obligatoire)")
	fs.StringVar(&cfg.Meta, "meta", "", "dossier de métadonnées (YAML) qui reflète les chemins du corpus")
	fs.StringVar(&scales, "scale", "1,10,50", "facteurs de réplication du corpus, séparés par des virgules")
	fs.IntVar(&cfg.Queries, "queries", 400, "nombre de recherches chronométrées par moteur et par échelle")
	fs.IntVar(&cfg.Clients, "c", 8, "clients simultanés du test de charge")
	fs.DurationVar(&cfg.Duration, "d", 10*time.Second, "durée de chaque phase du test de charge (0 : pas de test HTTP)")
	fs.IntVar(&cfg.Rate, "rate", 200, "débit imposé de la seconde phase, en requêtes/s (0 : pas de seconde phase)")
	fs.StringVar(&cfg.Work, "work", "", "dossier de travail (par défaut un dossier temporaire)")
	fs.BoolVar(&cfg.Keep, "keep", false, "garder les index construits")
	fs.StringVar(&cfg.JSON, "json", "", "écrire aussi tous les chiffres en JSON dans ce fichier")
	fs.StringVar(&cfg.Profile, "cpuprofile", "", "dossier où écrire les profils CPU des indexations et des recherches")
	fs.StringVar(&cfg.child, "child", "", "usage interne : bleve ou fts5")
	fs.IntVar(&cfg.scale, "child-scale", 1, "usage interne : échelle de l'enfant")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.Corpus == "" {
		return usageErr("bench demande -corpus DIR")
	}
	if cfg.Queries < 1 {
		return usageErr("-queries doit être positif")
	}
	if cfg.Clients < 1 || cfg.Clients > maxLoadClients {
		return usageErr("-c doit être entre 1 et %d", maxLoadClients)
	}
	if cfg.Duration < 0 || cfg.Duration > maxLoadDuration {
		return usageErr("-d doit être entre 0 et %s", maxLoadDuration)
	}
	if cfg.Rate < 0 {
		return usageErr("-rate doit être positif ou nul")
	}
	for _, s := range strings.Split(scales, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 1000 {
			return usageErr("-scale %q : entiers de 1 à 1000 séparés par des virgules", scales)
		}
		cfg.Scales = append(cfg.Scales, n)
	}
	if cfg.Work == "" {
		dir, err := os.MkdirTemp("", "lextraite-bench-")
		if err != nil {
			return err
		}
		cfg.Work = dir
		if !cfg.Keep {
			defer os.RemoveAll(dir)
		}
	}
	switch cfg.child {
	case "":
		return benchParent(ctx, cfg, stdout, stderr)
	case "bleve", "fts5":
		res, err := benchChild(ctx, cfg)
		if err != nil {
			return err
		}
		return json.NewEncoder(stdout).Encode(res)
	}
	return usageErr("-child %q inconnu", cfg.child)
}

// engineResult is what one child measures.
type engineResult struct {
	Engine     string  `json:"engine"`
	Scale      int     `json:"scale"`
	Documents  int     `json:"documents"`
	Provisions int     `json:"provisions"`
	TextBytes  int64   `json:"text_bytes"`
	LoadSec    float64 `json:"load_s"`
	BuildSec   float64 `json:"build_s"`
	// BuildCPU and QueryCPU (mean per timed search, ms) are the process's
	// CPU time (user + system): steadier than wall time when other work
	// shares the machine.
	BuildCPU float64 `json:"build_cpu_s"`
	QueryCPU float64 `json:"query_cpu_ms"`
	// DiskBytes is the whole index on disk; MainBytes the search structure
	// alone (bleve/ without store.json.zst; the FTS5 database).
	DiskBytes int64   `json:"disk_bytes"`
	MainBytes int64   `json:"main_bytes"`
	OpenSec   float64 `json:"open_s"`
	// AddLaw is the time (s) to index the built corpus again with one more
	// law (a real one copied under a new id, labelled synthetic) and
	// AddLawProvisions its provision count; AddLawMode is how indexer.Build
	// did it (incrémentale or complète). bleve only.
	AddLawSec        float64 `json:"add_law_s,omitempty"`
	AddLawProvisions int     `json:"add_law_provisions,omitempty"`
	AddLawMode       string  `json:"add_law_mode,omitempty"`
	Latency          latency `json:"latency"`
	// Baseline is bleve alone on the FTS5 query (indexer.BaselineSearch:
	// the words ANDed in the French text, BM25, snippets), to tell the
	// engine's cost from that of lextraite's ranking. bleve only.
	Baseline *latency `json:"latency_baseline,omitempty"`
	// Plain is FTS5 without snippet(): ids and bm25 only, to tell the cost
	// of its extracts (it re-tokenizes each hit's whole text).
	Plain *latency `json:"latency_no_snippet,omitempty"`
	// Timeouts counts searches stopped by indexer.SearchTimeout; they are
	// timed at their timeout and the measurement goes on.
	Timeouts int `json:"timeouts,omitempty"`
	// PeakRSS is VmHWM of the child: loading, indexing and querying.
	PeakRSS int64 `json:"peak_rss"`
	// FirstHits maps each query to its first hit id and total, to compare
	// the engines and catch a broken index.
	FirstHits map[string]string `json:"first_hits"`
	// PerQuery is the median latency of each query of the mix, in ms.
	PerQuery map[string]float64 `json:"per_query_ms"`
	IndexDir string             `json:"index_dir,omitempty"`
}

// latency summarises timed operations, in milliseconds.
type latency struct {
	N    int     `json:"n"`
	Mean float64 `json:"mean_ms"`
	P50  float64 `json:"p50_ms"`
	P90  float64 `json:"p90_ms"`
	P99  float64 `json:"p99_ms"`
	Max  float64 `json:"max_ms"`
}

func summarize(ds []time.Duration) latency {
	if len(ds) == 0 {
		return latency{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	pct := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(s)))) - 1
		return ms(s[max(0, min(i, len(s)-1))])
	}
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return latency{N: len(s), Mean: ms(sum / time.Duration(len(s))), P50: pct(.50), P90: pct(.90), P99: pct(.99), Max: ms(s[len(s)-1])}
}

// loadResult is one load phase.
type loadResult struct {
	Clients  int     `json:"clients"`
	Rate     int     `json:"rate,omitempty"` // 0: closed loop
	Seconds  float64 `json:"seconds"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	FirstErr string  `json:"first_error,omitempty"`
	RPS      float64 `json:"rps"`
	Latency  latency `json:"latency"`
}

// scaleResult gathers every figure of one scale.
type scaleResult struct {
	Scale     int           `json:"scale"`
	Bleve     *engineResult `json:"bleve"`
	FTS5      *engineResult `json:"fts5"`
	ServeOpen float64       `json:"serve_open_s"`
	HTTP      latency       `json:"http"`
	Closed    *loadResult   `json:"load_closed,omitempty"`
	Fixed     *loadResult   `json:"load_rate,omitempty"`
	// HTTPCached and FixedCached are the same mix and fixed rate against
	// serve with its result cache (-cache 1000): the mix repeats its 28
	// queries, so after the first pass every search is a cache hit; the
	// figures above are taken with -cache 0.
	HTTPCached  *latency    `json:"http_cached,omitempty"`
	FixedCached *loadResult `json:"load_rate_cached,omitempty"`
	ServeRSS    int64       `json:"serve_peak_rss"`
	// LoadAvg is /proc/loadavg before and after the scale: figures taken
	// while other work ran on the machine are not comparable.
	LoadAvg [2]string `json:"loadavg"`
}

func benchParent(ctx context.Context, cfg benchConfig, stdout, stderr io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "lextraite bench — corpus %s, échelles %v, %d requêtes × %d recherches, %d cœurs, %s\n",
		cfg.Corpus, cfg.Scales, len(benchQueries), cfg.Queries, runtime.NumCPU(), runtime.Version())
	var results []*scaleResult
	for _, n := range cfg.Scales {
		r := &scaleResult{Scale: n}
		r.LoadAvg[0] = loadAvg()
		dir := filepath.Join(cfg.Work, fmt.Sprintf("scale-%d", n))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for _, engine := range []string{"bleve", "fts5"} {
			fmt.Fprintf(stderr, "bench : échelle %dx, %s…\n", n, engine)
			res, err := runChild(ctx, exe, cfg, engine, n, dir, stderr)
			if err != nil {
				return fmt.Errorf("échelle %dx, %s : %w", n, engine, err)
			}
			if engine == "bleve" {
				r.Bleve = res
			} else {
				r.FTS5 = res
			}
		}
		if cfg.Duration > 0 {
			fmt.Fprintf(stderr, "bench : échelle %dx, serve et test de charge…\n", n)
			if err := benchServe(ctx, exe, cfg, r, stderr, false); err != nil {
				return fmt.Errorf("échelle %dx, serve : %w", n, err)
			}
			if err := benchServe(ctx, exe, cfg, r, stderr, true); err != nil {
				return fmt.Errorf("échelle %dx, serve avec cache : %w", n, err)
			}
		}
		if !cfg.Keep {
			os.RemoveAll(dir)
		}
		r.LoadAvg[1] = loadAvg()
		results = append(results, r)
		printScale(stdout, r)
	}
	printTable(stdout, cfg, results)
	if cfg.JSON != "" {
		b, err := json.MarshalIndent(results, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(cfg.JSON, b, 0o644); err != nil {
			return err
		}
	}
	for _, r := range results {
		for _, l := range []*loadResult{r.Closed, r.Fixed} {
			if l != nil && l.Errors > 0 {
				return fmt.Errorf("échelle %dx : %d erreurs HTTP pendant le test de charge (%s)", r.Scale, l.Errors, l.FirstErr)
			}
		}
	}
	return nil
}

// runChild runs one engine measurement in a child process and decodes its
// JSON result.
func runChild(ctx context.Context, exe string, cfg benchConfig, engine string, scale int, dir string, stderr io.Writer) (*engineResult, error) {
	args := []string{"bench", "-child", engine, "-child-scale", strconv.Itoa(scale),
		"-corpus", cfg.Corpus, "-queries", strconv.Itoa(cfg.Queries), "-work", dir}
	if cfg.Meta != "" {
		args = append(args, "-meta", cfg.Meta)
	}
	if cfg.Profile != "" {
		args = append(args, "-cpuprofile", cfg.Profile)
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	var res engineResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("résultat illisible : %w", err)
	}
	return &res, nil
}

// benchChild measures one engine at cfg.scale, in this process.
func benchChild(ctx context.Context, cfg benchConfig) (*engineResult, error) {
	ovl, err := overlays(cfg.Meta)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	rep, err := corpus.LoadDir(cfg.Corpus, corpus.Options{Overlays: ovl})
	if err != nil {
		return nil, err
	}
	if len(rep.Documents) == 0 {
		return nil, fmt.Errorf("aucun document dans %s", cfg.Corpus)
	}
	res := &engineResult{Engine: cfg.child, Scale: cfg.scale, LoadSec: time.Since(start).Seconds()}
	docs := replicate(rep.Documents, cfg.scale)
	for _, d := range docs {
		res.Documents++
		res.Provisions += len(d.Provisions)
		res.TextBytes += int64(len(d.Preamble))
		for _, p := range d.Provisions {
			res.TextBytes += int64(len(p.Text))
		}
	}
	stats := indexer.Stats{FilesSeen: rep.FilesSeen * cfg.scale, Skipped: rep.Skipped}
	rep = nil
	if cfg.child == "bleve" {
		err = benchBleve(ctx, cfg, docs, stats, res)
	} else {
		err = benchFTS5(ctx, cfg, docs, res)
	}
	if err != nil {
		return nil, err
	}
	res.PeakRSS = peakRSS("self")
	return res, nil
}

// startProfile starts a CPU profile named for the child and phase when
// cfg.Profile is set; the returned function stops it.
func startProfile(cfg benchConfig, phase string) (stop func(), err error) {
	if cfg.Profile == "" {
		return func() {}, nil
	}
	f, err := os.Create(filepath.Join(cfg.Profile, fmt.Sprintf("%s-%d-%s.cpu", cfg.child, cfg.scale, phase)))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func benchBleve(ctx context.Context, cfg benchConfig, docs []*corpus.Document, stats indexer.Stats, res *engineResult) error {
	dir := filepath.Join(cfg.Work, "index")
	stopProfile, err := startProfile(cfg, "build")
	if err != nil {
		return err
	}
	start, cpu := time.Now(), cpuSeconds()
	err = indexer.Build(ctx, dir, docs, stats, nil)
	res.BuildSec, res.BuildCPU = time.Since(start).Seconds(), cpuSeconds()-cpu
	stopProfile()
	if err != nil {
		return err
	}
	res.IndexDir = dir
	if res.DiskBytes, err = dirSize(dir); err != nil {
		return err
	}
	gen, err := os.Readlink(filepath.Join(dir, "current"))
	if err != nil {
		return err
	}
	if res.MainBytes, err = dirSize(filepath.Join(dir, gen, "bleve")); err != nil {
		return err
	}

	// One more law on top of the built corpus: the time of an update.
	law := lawToAdd(docs)
	if stopProfile, err = startProfile(cfg, "add"); err != nil {
		return err
	}
	start = time.Now()
	err = indexer.Build(ctx, dir, append(slices.Clip(docs), law), stats, nil)
	res.AddLawSec = time.Since(start).Seconds()
	stopProfile()
	if err != nil {
		return err
	}
	res.AddLawProvisions = len(law.Provisions)
	if st, err := indexer.ReadStats(dir); err == nil && st.Update != nil {
		res.AddLawMode = st.Update.Mode
	}
	docs = nil
	runtime.GC()
	start = time.Now()
	ix, err := indexer.Open(dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	res.OpenSec = time.Since(start).Seconds()
	res.FirstHits = map[string]string{}
	search := func(q string) (time.Duration, error) {
		t := time.Now()
		r, err := ix.Search(ctx, indexer.Request{Query: q, Limit: 10})
		d := time.Since(t)
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			res.Timeouts++
			return d, nil
		}
		if err != nil {
			return 0, fmt.Errorf("%q : %w", q, err)
		}
		if _, ok := res.FirstHits[q]; !ok {
			first := ""
			if len(r.Hits) > 0 {
				first = r.Hits[0].ID
			}
			res.FirstHits[q] = fmt.Sprintf("%s (%d)", first, r.Total)
		}
		return d, nil
	}
	if stopProfile, err = startProfile(cfg, "query"); err != nil {
		return err
	}
	cpu = cpuSeconds()
	lat, per, err := timeMix(search, cfg.Queries)
	res.QueryCPU = (cpuSeconds() - cpu) * 1000 / float64(cfg.Queries+len(benchQueries))
	stopProfile()
	if err != nil {
		return err
	}
	res.Latency, res.PerQuery = lat, per

	baseline := func(q string) (time.Duration, error) {
		t := time.Now()
		_, err := ix.BaselineSearch(ctx, fts5Words(q), 10)
		return time.Since(t), err
	}
	bl, _, err := timeMix(baseline, cfg.Queries)
	if err != nil {
		return err
	}
	res.Baseline = &bl
	return nil
}

// fts5Words is q without its operators (quotes, OR, +, -word): the words
// the baseline search requires.
func fts5Words(q string) string {
	var out []string
	for _, w := range strings.Fields(strings.ReplaceAll(q, `"`, " ")) {
		switch {
		case w == "OR", strings.HasPrefix(w, "-"):
		default:
			out = append(out, strings.TrimPrefix(w, "+"))
		}
	}
	return strings.Join(out, " ")
}

// timeMix runs each query once untimed (warm-up), then n timed searches
// cycling through the mix. It returns their summary and the median of each
// query.
func timeMix(search func(q string) (time.Duration, error), n int) (latency, map[string]float64, error) {
	for _, q := range benchQueries {
		if _, err := search(q); err != nil {
			return latency{}, nil, err
		}
	}
	ds := make([]time.Duration, 0, n)
	per := map[string][]time.Duration{}
	for i := range n {
		q := benchQueries[i%len(benchQueries)]
		d, err := search(q)
		if err != nil {
			return latency{}, nil, err
		}
		ds = append(ds, d)
		per[q] = append(per[q], d)
	}
	med := make(map[string]float64, len(per))
	for q, d := range per {
		med[q] = summarize(d).P50
	}
	return summarize(ds), med, nil
}

func benchFTS5(ctx context.Context, cfg benchConfig, docs []*corpus.Document, res *engineResult) error {
	path := filepath.Join(cfg.Work, "fts5.db")
	os.Remove(path)
	defer os.Remove(path)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	stopProfile, err := startProfile(cfg, "build")
	if err != nil {
		return err
	}
	defer func() { stopProfile() }()
	start, cpu := time.Now(), cpuSeconds()
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE t USING fts5(title, body, id UNINDEXED, tokenize='unicode61 remove_diacritics 2')`); err != nil {
		return fmt.Errorf("FTS5 : %w", err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO t(title, body, id) VALUES (?, ?, ?)`)
	if err != nil {
		tx.Rollback()
		return err
	}
	for _, d := range docs {
		titles := strings.Join(append([]string{d.Title}, d.ShortTitles...), " ; ")
		if _, err := ins.ExecContext(ctx, titles, d.Preamble, d.ID); err != nil {
			tx.Rollback()
			return err
		}
		for _, p := range d.Provisions {
			if _, err := ins.ExecContext(ctx, p.Heading+" ; "+titles, p.Text, d.ID+"/"+p.Anchor); err != nil {
				tx.Rollback()
				return err
			}
		}
	}
	ins.Close()
	if err := tx.Commit(); err != nil {
		return err
	}
	// One merged b-tree, as bleve's builder leaves one merged segment.
	if _, err := db.ExecContext(ctx, `INSERT INTO t(t) VALUES('optimize')`); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return err
	}
	res.BuildSec, res.BuildCPU = time.Since(start).Seconds(), cpuSeconds()-cpu
	stopProfile()
	stopProfile = func() {}
	docs = nil
	runtime.GC()
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	res.DiskBytes, res.MainBytes = st.Size(), st.Size()

	res.FirstHits = map[string]string{}
	for _, withSnippet := range []bool{true, false} {
		cols := "id, snippet(t, 1, '<mark>', '</mark>', '…', 24), bm25(t)"
		if !withSnippet {
			cols = "id, '', bm25(t)"
		}
		stmt, err := db.PrepareContext(ctx, `SELECT `+cols+` FROM t WHERE t MATCH ? ORDER BY rank LIMIT 10`)
		if err != nil {
			return err
		}
		search := func(q string) (time.Duration, error) {
			t := time.Now()
			rows, err := stmt.QueryContext(ctx, fts5Match(q))
			if err != nil {
				return 0, fmt.Errorf("%q → %s : %w", q, fts5Match(q), err)
			}
			var first string
			n := 0
			for rows.Next() {
				var id, snip string
				var score float64
				if err := rows.Scan(&id, &snip, &score); err != nil {
					rows.Close()
					return 0, err
				}
				if n == 0 {
					first = id
				}
				n++
			}
			err = rows.Err()
			rows.Close()
			d := time.Since(t)
			if err != nil {
				return 0, fmt.Errorf("%q : %w", q, err)
			}
			if _, ok := res.FirstHits[q]; !ok {
				res.FirstHits[q] = fmt.Sprintf("%s (top %d)", first, n)
			}
			return d, nil
		}
		if withSnippet {
			if stopProfile, err = startProfile(cfg, "query"); err != nil {
				return err
			}
		}
		cpu := cpuSeconds()
		lat, per, err := timeMix(search, cfg.Queries)
		queryCPU := (cpuSeconds() - cpu) * 1000 / float64(cfg.Queries+len(benchQueries))
		stopProfile()
		stopProfile = func() {}
		stmt.Close()
		if err != nil {
			return err
		}
		if withSnippet {
			res.Latency, res.PerQuery, res.QueryCPU = lat, per, queryCPU
		} else {
			res.Plain = &lat
		}
	}
	return nil
}

// fts5Match writes a query of lextraite's language in FTS5 syntax: every
// word or "phrase" quoted (so "225-4-1" and "l'entrée" become phrases of
// their tokens), OR kept, +word required as any word, -word after NOT.
func fts5Match(q string) string {
	var pos, neg []string
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	for rest := strings.TrimSpace(q); rest != ""; rest = strings.TrimSpace(rest) {
		var tok string
		negate := false
		switch rest[0] {
		case '-':
			negate, rest = true, rest[1:]
		case '+':
			rest = rest[1:]
		}
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				tok, rest = rest[1:], ""
			} else {
				tok, rest = rest[1:end+1], rest[end+2:]
			}
		} else {
			end := strings.IndexAny(rest, " \t")
			if end < 0 {
				end = len(rest)
			}
			tok, rest = rest[:end], rest[end:]
		}
		switch {
		case tok == "":
		case tok == "OR" && !negate && len(pos) > 0:
			pos = append(pos, "OR")
		case negate:
			neg = append(neg, quote(tok))
		default:
			pos = append(pos, quote(tok))
		}
	}
	if len(pos) > 0 && pos[len(pos)-1] == "OR" {
		pos = pos[:len(pos)-1]
	}
	s := strings.Join(pos, " ")
	for _, n := range neg {
		s += " NOT " + n
	}
	return s
}

// replicate returns docs followed by scale-1 synthetic copies of each, under
// new ids ("{id}-synth-{k}"), titles ("[synthétique k]") and sources
// ("synth-{k}/…"); citations between copies point within the same copy.
// Texts are shared, not copied.
// lawToAdd returns a copy, under a new id and labelled synthetic, of the
// real law with the most provisions (any document when there is no law):
// what a user adds when indexing one more law.
func lawToAdd(docs []*corpus.Document) *corpus.Document {
	var best *corpus.Document
	for _, d := range docs {
		if strings.Contains(d.ID, "-synth-") {
			continue
		}
		better := best == nil ||
			(d.Kind == corpus.KindLoi) != (best.Kind == corpus.KindLoi) && d.Kind == corpus.KindLoi ||
			(d.Kind == corpus.KindLoi) == (best.Kind == corpus.KindLoi) && len(d.Provisions) > len(best.Provisions)
		if better {
			best = d
		}
	}
	c := *best
	c.ID = best.ID + "-synth-ajout"
	c.WorkID = ""
	c.Title = best.Title + " [synthétique : ajout]"
	c.Source = "synth-ajout/" + best.Source
	c.Citations = nil
	c.Provisions = make([]corpus.Provision, len(best.Provisions))
	for i, p := range best.Provisions {
		p.ID = c.ID + "/" + p.Anchor
		p.Citations = nil
		c.Provisions[i] = p
	}
	return &c
}

func replicate(docs []*corpus.Document, scale int) []*corpus.Document {
	out := make([]*corpus.Document, 0, len(docs)*scale)
	out = append(out, docs...)
	for k := 1; k < scale; k++ {
		suffix := fmt.Sprintf("-synth-%d", k)
		retarget := func(cs []corpus.Citation) []corpus.Citation {
			if len(cs) == 0 {
				return cs
			}
			cs = slices.Clone(cs)
			for i := range cs {
				if cs[i].TargetDoc != "" {
					cs[i].Target = cs[i].TargetDoc + suffix + strings.TrimPrefix(cs[i].Target, cs[i].TargetDoc)
					cs[i].TargetDoc += suffix
				}
			}
			return cs
		}
		for _, d := range docs {
			c := *d
			c.ID = d.ID + suffix
			if d.WorkID != "" {
				c.WorkID = d.WorkID + suffix
			}
			c.Title = fmt.Sprintf("%s [synthétique %d]", d.Title, k)
			c.Source = fmt.Sprintf("synth-%d/%s", k, d.Source)
			c.Citations = retarget(d.Citations)
			c.Provisions = make([]corpus.Provision, len(d.Provisions))
			for i, p := range d.Provisions {
				p.ID = c.ID + "/" + p.Anchor
				if p.Source != "" {
					p.Source = fmt.Sprintf("synth-%d/%s", k, p.Source)
				}
				p.Citations = retarget(p.Citations)
				c.Provisions[i] = p
			}
			out = append(out, &c)
		}
	}
	return out
}

// benchServe starts `lextraite serve` over the bleve index of r, times the
// query mix through HTTP, runs the load phases and stops the server.
// Without cached, serve runs with -cache 0 (every request searches); with
// it, with -cache 1000, and only the mix and the fixed rate are run.
func benchServe(ctx context.Context, exe string, cfg benchConfig, r *scaleResult, stderr io.Writer, cached bool) error {
	addr, err := freeLoopbackAddr()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cache := "0"
	if cached {
		cache = "1000"
	}
	cmd := exec.CommandContext(ctx, exe, "serve", "-q", "-index", r.Bleve.IndexDir, "-addr", addr, "-cache", cache)
	cmd.Stdout = io.Discard
	logs := &tailWriter{max: 4096}
	cmd.Stderr = logs // one log line per request: kept short, shown on failure
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	stopped := false
	stop := func() error {
		if stopped {
			return nil
		}
		stopped = true
		if !cached {
			r.ServeRSS = peakRSS(strconv.Itoa(cmd.Process.Pid))
		}
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			return err
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			return errors.New("serve ne s'est pas arrêté 20 s après SIGINT")
		}
	}
	defer stop()
	base := "http://" + addr
	client := newLoadClient(cfg.Clients)
	if err := waitHealthy(ctx, client, base, 5*time.Minute); err != nil {
		return fmt.Errorf("%w\n%s", err, logs)
	}
	if !cached {
		r.ServeOpen = time.Since(start).Seconds()
	}

	get := func(q string) (time.Duration, error) {
		t := time.Now()
		err := getSearch(ctx, client, base, q)
		return time.Since(t), err
	}
	if cached {
		h, _, err := timeMix(get, cfg.Queries)
		if err != nil {
			return fmt.Errorf("%w\n%s", err, logs)
		}
		r.HTTPCached = &h
		if cfg.Rate > 0 {
			fixed := loadTest(ctx, client, base, max(cfg.Clients, 16), cfg.Duration, cfg.Rate)
			r.FixedCached = &fixed
		}
		if err := stop(); err != nil {
			fmt.Fprintf(stderr, "bench : arrêt de serve : %v\n", err)
		}
		return nil
	}
	if r.HTTP, _, err = timeMix(get, cfg.Queries); err != nil {
		return fmt.Errorf("%w\n%s", err, logs)
	}
	closed := loadTest(ctx, client, base, cfg.Clients, cfg.Duration, 0)
	r.Closed = &closed
	if cfg.Rate > 0 {
		fixed := loadTest(ctx, client, base, max(cfg.Clients, 16), cfg.Duration, cfg.Rate)
		r.Fixed = &fixed
	}
	if err := stop(); err != nil {
		fmt.Fprintf(stderr, "bench : arrêt de serve : %v\n", err)
	}
	return nil
}

func freeLoopbackAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func newLoadClient(clients int) *http.Client {
	return &http.Client{
		Timeout: requestTimeout,
		Transport: &http.Transport{
			Proxy:               nil, // loopback only, never through a proxy
			MaxIdleConns:        clients + 4,
			MaxIdleConnsPerHost: clients + 4,
			IdleConnTimeout:     30 * time.Second,
		},
	}
}

func waitHealthy(ctx context.Context, client *http.Client, base string, within time.Duration) error {
	deadline := time.Now().Add(within)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
		resp, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("/healthz : %s", resp.Status)
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("serve pas prêt après %s : %w", within, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// getSearch runs one /api/search with the site's default page and checks
// it answered 200 with hits JSON.
func getSearch(ctx context.Context, client *http.Client, base, q string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/search?limit=10&q="+url.QueryEscape(q), nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%q : %s %.200s", q, resp.Status, body)
	}
	if !bytes.Contains(body, []byte(`"hits":`)) {
		return fmt.Errorf("%q : réponse sans hits : %.200s", q, body)
	}
	return nil
}

// loadTest sends the query mix to base/api/search from clients goroutines
// for d, then stops. With rate 0 each client sends its next request as soon
// as the previous one is answered (closed loop: the server's capacity).
// With rate > 0 requests are scheduled at that arrival rate and latency is
// measured from the scheduled time, so a server that falls behind shows it
// in the percentiles (no coordinated omission).
func loadTest(ctx context.Context, client *http.Client, base string, clients int, d time.Duration, rate int) loadResult {
	ctx, cancel := context.WithTimeout(ctx, d+requestTimeout)
	defer cancel()
	var (
		mu       sync.Mutex
		lats     []time.Duration
		errs     int
		firstErr string
	)
	record := func(lat time.Duration, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs++
			if firstErr == "" {
				firstErr = err.Error()
			}
			return
		}
		lats = append(lats, lat)
	}
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	if rate == 0 {
		for c := range clients {
			wg.Go(func() {
				for i := c; time.Now().Before(deadline) && ctx.Err() == nil; i += clients {
					t := time.Now()
					err := getSearch(ctx, client, base, benchQueries[i%len(benchQueries)])
					record(time.Since(t), err)
				}
			})
		}
	} else {
		slots := make(chan time.Time, clients)
		wg.Go(func() {
			defer close(slots)
			interval := time.Second / time.Duration(rate)
			for at := start; at.Before(deadline); at = at.Add(interval) {
				if w := time.Until(at); w > 0 {
					select {
					case <-time.After(w):
					case <-ctx.Done():
						return
					}
				}
				select {
				case slots <- at:
				case <-ctx.Done():
					return
				}
			}
		})
		var n sync.Mutex
		next := 0
		for range clients {
			wg.Go(func() {
				for at := range slots {
					n.Lock()
					i := next
					next++
					n.Unlock()
					err := getSearch(ctx, client, base, benchQueries[i%len(benchQueries)])
					record(time.Since(at), err)
				}
			})
		}
	}
	wg.Wait()
	elapsed := time.Since(start)
	return loadResult{
		Clients: clients, Rate: rate, Seconds: elapsed.Seconds(),
		Requests: len(lats) + errs, Errors: errs, FirstErr: firstErr,
		RPS: float64(len(lats)+errs) / elapsed.Seconds(), Latency: summarize(lats),
	}
}

// runLoadtest is `lextraite loadtest`: the load phases of bench against a
// server already running on the loopback interface.
func runLoadtest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		addr     string
		clients  int
		duration time.Duration
		rate     int
	)
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "adresse du serveur lextraite (boucle locale uniquement)")
	fs.IntVar(&clients, "c", 8, "clients simultanés")
	fs.DurationVar(&duration, "d", 10*time.Second, "durée du test")
	fs.IntVar(&rate, "rate", 0, "débit imposé en requêtes/s (0 : aussi vite que le serveur répond)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	loopback, err := isLoopback(addr)
	if err != nil {
		return usageErr("-addr %s : %v", addr, err)
	}
	if !loopback {
		return usageErr("-addr %s : le test de charge ne vise que la boucle locale (127.0.0.1, localhost, [::1])", addr)
	}
	if clients < 1 || clients > maxLoadClients {
		return usageErr("-c doit être entre 1 et %d", maxLoadClients)
	}
	if duration <= 0 || duration > maxLoadDuration {
		return usageErr("-d doit être entre 0 et %s", maxLoadDuration)
	}
	if rate < 0 {
		return usageErr("-rate doit être positif ou nul")
	}
	base := "http://" + addr
	client := newLoadClient(clients)
	if err := waitHealthy(ctx, client, base, 5*time.Second); err != nil {
		return err
	}
	res := loadTest(ctx, client, base, clients, duration, rate)
	fmt.Fprintf(stdout, "%s\n", formatLoad(res))
	if res.Errors > 0 {
		return fmt.Errorf("%d erreurs : %s", res.Errors, res.FirstErr)
	}
	return nil
}

func formatLoad(l loadResult) string {
	mode := fmt.Sprintf("%d clients, boucle fermée", l.Clients)
	if l.Rate > 0 {
		mode = fmt.Sprintf("%d clients, débit imposé %d/s", l.Clients, l.Rate)
	}
	return fmt.Sprintf("%s, %.1f s : %d requêtes, %.0f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d erreurs",
		mode, l.Seconds, l.Requests, l.RPS, l.Latency.P50, l.Latency.P99, l.Latency.Max, l.Errors)
}

// tailWriter keeps the last max bytes written to it.
type tailWriter struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (w *tailWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	if len(w.buf) > w.max {
		w.buf = append(w.buf[:0], w.buf[len(w.buf)-w.max:]...)
	}
	return len(p), nil
}

func (w *tailWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return string(w.buf)
}

// peakRSS returns VmHWM (peak resident set) in bytes of a process ("self"
// or a pid), from /proc; 0 where /proc is absent.
func peakRSS(pid string) int64 {
	f, err := os.Open("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpuSeconds returns the CPU time (user + system) this process used so
// far, from /proc/self/stat (in clock ticks of 1/100 s); 0 without /proc.
func cpuSeconds() float64 {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses: state is
	// field 3, utime 14, stime 15.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / 100
}

// loadAvg returns the 1, 5 and 15 minute load averages, or "?".
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}

// dirSize is the total size of the regular files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

const mb = 1 << 20

func printScale(w io.Writer, r *scaleResult) {
	b, f := r.Bleve, r.FTS5
	fmt.Fprintf(w, "\n== %dx : %d documents, %d dispositions, %.1f Mo de texte extrait (lecture du corpus %.1f s) ; charge machine %s → %s\n",
		r.Scale, b.Documents, b.Provisions, float64(b.TextBytes)/mb, b.LoadSec, r.LoadAvg[0], r.LoadAvg[1])
	for _, e := range []*engineResult{b, f} {
		fmt.Fprintf(w, "   %-5s indexation %.1f s (CPU %.1f s) = %.2f Mo/s, %.0f disp./s ; disque %.1f Mo (%.2f× le texte) ; RSS max %.0f Mo ; requêtes p50 %.2f ms, p99 %.2f ms, CPU %.2f ms/requête\n",
			e.Engine, e.BuildSec, e.BuildCPU, float64(e.TextBytes)/mb/e.BuildSec, float64(e.Provisions)/e.BuildSec,
			float64(e.DiskBytes)/mb, float64(e.DiskBytes)/float64(e.TextBytes), float64(e.PeakRSS)/mb, e.Latency.P50, e.Latency.P99, e.QueryCPU)
		if e.Timeouts > 0 {
			fmt.Fprintf(w, "   %-5s %d recherches arrêtées par le délai maximal (indexer.SearchTimeout)\n", e.Engine, e.Timeouts)
		}
	}
	fmt.Fprintf(w, "   fts5 sans snippet() : p50 %.2f ms, p99 %.2f ms\n", f.Plain.P50, f.Plain.P99)
	if r.Closed != nil {
		fmt.Fprintf(w, "   HTTP (1 client) p50 %.2f ms, p99 %.2f ms ; serve prêt en %.1f s, RSS max %.0f Mo\n",
			r.HTTP.P50, r.HTTP.P99, r.ServeOpen, float64(r.ServeRSS)/mb)
		fmt.Fprintf(w, "   charge : %s\n", formatLoad(*r.Closed))
	}
	if r.Fixed != nil {
		fmt.Fprintf(w, "   charge : %s\n", formatLoad(*r.Fixed))
	}
}

// printTable prints every figure with one column per scale, then the
// targets of issue 6 checked at the largest scale.
func printTable(w io.Writer, cfg benchConfig, rs []*scaleResult) {
	if len(rs) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	row := func(label string, f func(r *scaleResult) string) {
		fmt.Fprintf(tw, "%s\t", label)
		for _, r := range rs {
			fmt.Fprintf(tw, "%s\t", f(r))
		}
		fmt.Fprintln(tw)
	}
	fl := func(format string, f func(r *scaleResult) float64) func(r *scaleResult) string {
		return func(r *scaleResult) string { return fmt.Sprintf(format, f(r)) }
	}
	mbps := func(e *engineResult) float64 { return float64(e.TextBytes) / mb / e.BuildSec }
	ratio := func(e *engineResult) float64 { return float64(e.DiskBytes) / float64(e.TextBytes) }
	fmt.Fprintln(w)
	row("échelle", func(r *scaleResult) string { return fmt.Sprintf("%dx", r.Scale) })
	row("documents", fl("%.0f", func(r *scaleResult) float64 { return float64(r.Bleve.Documents) }))
	row("dispositions", fl("%.0f", func(r *scaleResult) float64 { return float64(r.Bleve.Provisions) }))
	row("texte extrait (Mo)", fl("%.1f", func(r *scaleResult) float64 { return float64(r.Bleve.TextBytes) / mb }))
	row("lecture du corpus (s)", fl("%.1f", func(r *scaleResult) float64 { return r.Bleve.LoadSec }))
	for _, e := range []struct {
		name string
		get  func(r *scaleResult) *engineResult
	}{{"bleve", func(r *scaleResult) *engineResult { return r.Bleve }}, {"fts5", func(r *scaleResult) *engineResult { return r.FTS5 }}} {
		row(e.name+" indexation (s)", fl("%.1f", func(r *scaleResult) float64 { return e.get(r).BuildSec }))
		row(e.name+" Mo/s", fl("%.2f", func(r *scaleResult) float64 { return mbps(e.get(r)) }))
		row(e.name+" indexation CPU (s)", fl("%.1f", func(r *scaleResult) float64 { return e.get(r).BuildCPU }))
		row(e.name+" Mo par s CPU", fl("%.2f", func(r *scaleResult) float64 { return float64(e.get(r).TextBytes) / mb / e.get(r).BuildCPU }))
		row(e.name+" dispositions/s", fl("%.0f", func(r *scaleResult) float64 { return float64(e.get(r).Provisions) / e.get(r).BuildSec }))
		row(e.name+" index sur disque (Mo)", fl("%.1f", func(r *scaleResult) float64 { return float64(e.get(r).DiskBytes) / mb }))
		row(e.name+" index / texte", fl("%.2f", func(r *scaleResult) float64 { return ratio(e.get(r)) }))
		row(e.name+" RSS max (Mo)", fl("%.0f", func(r *scaleResult) float64 { return float64(e.get(r).PeakRSS) / mb }))
		row(e.name+" requête p50 (ms)", fl("%.2f", func(r *scaleResult) float64 { return e.get(r).Latency.P50 }))
		row(e.name+" requête p99 (ms)", fl("%.2f", func(r *scaleResult) float64 { return e.get(r).Latency.P99 }))
		row(e.name+" CPU par requête (ms)", fl("%.2f", func(r *scaleResult) float64 { return e.get(r).QueryCPU }))
	}
	row("bleve ajout d'une loi (s)", fl("%.2f", func(r *scaleResult) float64 { return r.Bleve.AddLawSec }))
	row("  dispositions de la loi", fl("%.0f", func(r *scaleResult) float64 { return float64(r.Bleve.AddLawProvisions) }))
	row("  mode", func(r *scaleResult) string { return r.Bleve.AddLawMode })
	row("bleve seul (ET, text_fr) p50 (ms)", fl("%.2f", func(r *scaleResult) float64 { return r.Bleve.Baseline.P50 }))
	row("bleve seul (ET, text_fr) p99 (ms)", fl("%.2f", func(r *scaleResult) float64 { return r.Bleve.Baseline.P99 }))
	row("fts5 sans extrait p50 (ms)", fl("%.2f", func(r *scaleResult) float64 { return r.FTS5.Plain.P50 }))
	row("fts5 sans extrait p99 (ms)", fl("%.2f", func(r *scaleResult) float64 { return r.FTS5.Plain.P99 }))
	row("bleve (bleve/ seul) / texte", fl("%.2f", func(r *scaleResult) float64 { return float64(r.Bleve.MainBytes) / float64(r.Bleve.TextBytes) }))
	row("Mo/s bleve ÷ fts5", fl("%.2f", func(r *scaleResult) float64 { return mbps(r.Bleve) / mbps(r.FTS5) }))
	row("Mo par s CPU bleve ÷ fts5", fl("%.2f", func(r *scaleResult) float64 { return r.FTS5.BuildCPU / r.Bleve.BuildCPU }))
	row("CPU par requête bleve ÷ fts5", fl("%.2f", func(r *scaleResult) float64 { return r.Bleve.QueryCPU / r.FTS5.QueryCPU }))
	row("p50 bleve ÷ fts5", fl("%.2f", func(r *scaleResult) float64 { return r.Bleve.Latency.P50 / r.FTS5.Latency.P50 }))
	row("p99 bleve ÷ fts5", fl("%.2f", func(r *scaleResult) float64 { return r.Bleve.Latency.P99 / r.FTS5.Latency.P99 }))
	row("p99 bleve ÷ fts5 sans extrait", fl("%.2f", func(r *scaleResult) float64 { return r.Bleve.Latency.P99 / r.FTS5.Plain.P99 }))
	last := rs[len(rs)-1]
	if last.Closed != nil {
		row("serve prêt (s)", fl("%.1f", func(r *scaleResult) float64 { return r.ServeOpen }))
		row("serve RSS max (Mo)", fl("%.0f", func(r *scaleResult) float64 { return float64(r.ServeRSS) / mb }))
		row("HTTP 1 client p50 (ms)", fl("%.2f", func(r *scaleResult) float64 { return r.HTTP.P50 }))
		row("HTTP 1 client p99 (ms)", fl("%.2f", func(r *scaleResult) float64 { return r.HTTP.P99 }))
		row(fmt.Sprintf("charge %d clients req/s", cfg.Clients), fl("%.0f", func(r *scaleResult) float64 { return r.Closed.RPS }))
		row(fmt.Sprintf("charge %d clients p50 (ms)", cfg.Clients), fl("%.1f", func(r *scaleResult) float64 { return r.Closed.Latency.P50 }))
		row(fmt.Sprintf("charge %d clients p99 (ms)", cfg.Clients), fl("%.1f", func(r *scaleResult) float64 { return r.Closed.Latency.P99 }))
		row(fmt.Sprintf("charge %d clients erreurs", cfg.Clients), fl("%.0f", func(r *scaleResult) float64 { return float64(r.Closed.Errors) }))
	}
	if last.Fixed != nil {
		row(fmt.Sprintf("débit imposé %d/s : obtenu", cfg.Rate), fl("%.0f", func(r *scaleResult) float64 { return r.Fixed.RPS }))
		row(fmt.Sprintf("débit imposé %d/s : p50 (ms)", cfg.Rate), fl("%.1f", func(r *scaleResult) float64 { return r.Fixed.Latency.P50 }))
		row(fmt.Sprintf("débit imposé %d/s : p99 (ms)", cfg.Rate), fl("%.1f", func(r *scaleResult) float64 { return r.Fixed.Latency.P99 }))
		row(fmt.Sprintf("débit imposé %d/s : erreurs", cfg.Rate), fl("%.0f", func(r *scaleResult) float64 { return float64(r.Fixed.Errors) }))
	}
	if last.HTTPCached != nil {
		row("avec cache : HTTP 1 client p99 (ms)", fl("%.2f", func(r *scaleResult) float64 { return r.HTTPCached.P99 }))
	}
	if last.FixedCached != nil {
		row(fmt.Sprintf("avec cache : %d/s obtenu", cfg.Rate), fl("%.0f", func(r *scaleResult) float64 { return r.FixedCached.RPS }))
		row(fmt.Sprintf("avec cache : %d/s p99 (ms)", cfg.Rate), fl("%.1f", func(r *scaleResult) float64 { return r.FixedCached.Latency.P99 }))
		row(fmt.Sprintf("avec cache : %d/s erreurs", cfg.Rate), fl("%.0f", func(r *scaleResult) float64 { return float64(r.FixedCached.Errors) }))
	}
	tw.Flush()

	fmt.Fprintf(w, "\nObjectifs (issue 6) à l'échelle %dx :\n", last.Scale)
	check := func(ok bool, format string, args ...any) {
		mark := "ÉCHEC"
		if ok {
			mark = "ok"
		}
		fmt.Fprintf(w, "  [%-5s] %s\n", mark, fmt.Sprintf(format, args...))
	}
	b, f := last.Bleve, last.FTS5
	check(b.Latency.P99 <= f.Latency.P99/2, "requête p99 ≤ moitié de FTS5 : %.2f ms contre %.2f ms (%.2f× ; FTS5 sans snippet() : %.2f ms ; bleve seul sur la requête de FTS5 : %.2f ms)",
		b.Latency.P99, f.Latency.P99, b.Latency.P99/f.Latency.P99, f.Plain.P99, b.Baseline.P99)
	fmt.Fprintf(w, "  [info ] même requête que FTS5 (les mots en ET, champ text_fr, BM25, extraits) : bleve p99 %.2f ms, soit %.2f× FTS5 ; l'écart avec la recherche de lextraite est le coût de ses synonymes, traductions, titres, numéros d'article et expressions\n",
		b.Baseline.P99, b.Baseline.P99/f.Latency.P99)
	if last.Closed != nil {
		check(last.HTTP.P99 < 10, "requête p99 par HTTP < 10 ms : %.2f ms (serve -cache 0)", last.HTTP.P99)
	}
	check(ratio(b) <= 3, "index ≤ 3× le texte extrait : %.2f× (bleve/ seul %.2f×)", ratio(b), float64(b.MainBytes)/float64(b.TextBytes))
	check(mbps(b) >= mbps(f)/4, "indexation ≥ 1/4 des Mo/s de FTS5 : %.2f contre %.2f Mo/s (%.2f×)", mbps(b), mbps(f), mbps(b)/mbps(f))
	if l := last.Fixed; l != nil {
		check(l.RPS >= float64(cfg.Rate)*0.97 && l.Latency.P99 < 50 && l.Errors == 0,
			"%d recherches/s, p99 < 50 ms, 0 erreur : %.0f req/s, p99 %.1f ms, %d erreurs (serve -cache 0)", cfg.Rate, l.RPS, l.Latency.P99, l.Errors)
	}
	if l := last.FixedCached; l != nil {
		fmt.Fprintf(w, "  [info ] avec le cache de résultats (serve -cache 1000, le mélange répète ses %d requêtes) : %.0f req/s, p99 %.1f ms, %d erreurs ; HTTP 1 client p99 %.2f ms\n",
			len(benchQueries), l.RPS, l.Latency.P99, l.Errors, last.HTTPCached.P99)
	}
}
