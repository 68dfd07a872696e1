package indexer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/util"
	"github.com/klauspost/compress/zstd"

	_ "lextraite/analyzers" // registers the analyzers named in the mapping
	"lextraite/corpus"
)

// On-disk layout of an index directory:
//
//	dir/current                          symlink to the generation in use
//	dir/gen-20260102T150405.000000000/   one generation (UTC start time)
//	    bleve/                           the bleve index
//	    store.json.zst                    documents with provisions + Stats
//	    stats.json                       the Stats alone, read without the store
//	    COMPLETE                         written last: the build's end time
//	dir/.lock                            held (flock) while a Build runs
const (
	currentLink    = "current"
	genPrefix      = "gen-"
	genLayout      = "20060102T150405.000000000"
	bleveDir       = "bleve"
	storeFile      = "store.json.zst"
	statsFile      = "stats.json"
	completeMarker = "COMPLETE"
	storeVersion   = 2
	batchSize      = 500
)

// store is the content of store.json.zst.
type store struct {
	Version   int                `json:"version"`
	Stats     Stats              `json:"stats"`
	Documents []*corpus.Document `json:"documents"`
}

// Build indexes docs into a new generation under dir (created if needed) and
// switches dir/current to it atomically. The generation is complete and
// fsynced before the switch: if Build fails, is cancelled through ctx or the
// process dies, dir/current still names the previous generation. Stale
// incomplete generations left by a crash are removed; the previous complete
// generation is kept (open readers may still use it) and older ones are
// deleted.
//
// Document ids must be unique and provision anchors unique per document;
// a provision without ID gets "{doc_id}/{anchor}" (docs are modified in
// place for that). stats comes from the loader (FilesSeen, Skipped); Build fills Documents,
// Provisions, BuiltAt and, when zero, TextBytes. progress, if not nil, is
// called with the number of bleve documents (one per document and one per
// provision) written so far and their total. Only one Build runs at a time
// per dir; a second one waits for the first.
//
// When the current generation was built by the same program and few bleve
// documents differ, the new generation is a copy of it with only the
// differences applied (see Update): the time then grows with what changed,
// not with the corpus. Stats.Update of the new generation says which.
func Build(ctx context.Context, dir string, docs []*corpus.Document, stats Stats, progress func(done, total int)) error {
	return build(ctx, dir, docs, stats, progress, true)
}

// BuildFull is Build without the incremental update: every bleve document
// is analysed and written again, in one merged segment.
func BuildFull(ctx context.Context, dir string, docs []*corpus.Document, stats Stats, progress func(done, total int)) error {
	return build(ctx, dir, docs, stats, progress, false)
}

func build(ctx context.Context, dir string, docs []*corpus.Document, stats Stats, progress func(done, total int), incremental bool) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	unlock, err := lockDir(filepath.Join(dir, ".lock"))
	if err != nil {
		return fmt.Errorf("indexer: verrou %s: %w", dir, err)
	}
	defer unlock()

	prev, _ := currentGen(dir)
	if err := removeIncomplete(dir); err != nil {
		return err
	}

	start := time.Now().UTC()
	name := genPrefix + start.Format(genLayout)
	gen := filepath.Join(dir, name)
	if err := os.Mkdir(gen, 0o755); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(gen)
		}
	}()

	docs, nprov, textBytes, err := checkDocs(docs)
	if err != nil {
		return err
	}
	// store.json.zst is written while bleve builds: the documents first,
	// the stats (known at the end) last.
	statsc := make(chan *Stats, 1)
	storeErr := make(chan error, 1)
	go func() {
		storeErr <- writeStore(filepath.Join(gen, storeFile), docs, statsc)
	}()
	hashes := fieldHashes(docs)
	upd := Update{Mode: ModeFull, Added: len(hashes), Reason: "reconstruction complète demandée"}
	var berr error
	switch {
	case incremental:
		prevGen := ""
		if prev != "" {
			prevGen = filepath.Join(dir, prev)
		}
		plan, reason := planUpdate(prevGen, hashes)
		if reason == "" {
			upd = Update{Mode: ModeIncremental, Added: plan.added, Changed: plan.changed, Removed: len(plan.remove),
				DocsAdded: plan.docsAdded, DocsChanged: plan.docsChanged, DocsRemoved: plan.docsRemoved}
			berr = updateBleve(ctx, prevGen, filepath.Join(gen, bleveDir), docs, plan, progress)
			break
		}
		upd.Reason = reason
		fallthrough
	default:
		berr = writeBleve(ctx, filepath.Join(gen, bleveDir), docs, len(docs)+nprov, progress)
	}
	if berr == nil {
		berr = writeFields(filepath.Join(gen, fieldsFile), hashes)
	}
	if berr == nil {
		if key, err := formatKey(); err == nil {
			berr = writeFileSync(filepath.Join(gen, formatFile), []byte(key+"\n"))
		}
	}
	if berr != nil {
		statsc <- nil
		<-storeErr
		return berr
	}

	stats.Documents = len(docs)
	stats.Provisions = nprov
	if stats.TextBytes == 0 {
		stats.TextBytes = textBytes
	}
	if stats.Skipped == nil {
		stats.Skipped = []corpus.Skipped{}
	}
	stats.Update = &upd
	stats.Program = corpus.ProgramHash()
	end := time.Now().UTC()
	stats.BuiltAt = end.Format(time.RFC3339)
	statsc <- &stats
	if err := <-storeErr; err != nil {
		return err
	}
	if err := syncTree(gen); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("indexer: construction interrompue: %w", err)
	}
	statsJSON, err := json.Marshal(&stats)
	if err != nil {
		return err
	}
	if err := writeFileSync(filepath.Join(gen, statsFile), statsJSON); err != nil {
		return err
	}
	if err := writeFileSync(filepath.Join(gen, completeMarker), []byte(end.Format(time.RFC3339Nano)+"\n")); err != nil {
		return err
	}
	if err := syncDir(gen); err != nil {
		return err
	}
	if err := switchCurrent(dir, name); err != nil {
		return err
	}
	removeOld(dir, name, prev)
	return nil
}

// checkDocs drops nil documents, fills missing provision ids and rejects
// empty or duplicate ids. It returns the provision count and text size.
func checkDocs(in []*corpus.Document) (docs []*corpus.Document, nprov int, textBytes int64, err error) {
	seen := make(map[string]bool, len(in))
	docs = make([]*corpus.Document, 0, len(in))
	for _, d := range in {
		if d == nil {
			continue
		}
		if d.ID == "" {
			return nil, 0, 0, fmt.Errorf("indexer: document sans identifiant (%s)", d.Source)
		}
		if seen[d.ID] {
			return nil, 0, 0, fmt.Errorf("indexer: identifiant de document en double %q (%s)", d.ID, d.Source)
		}
		seen[d.ID] = true
		textBytes += int64(len(d.Preamble))
		for i := range d.Provisions {
			p := &d.Provisions[i]
			if p.ID == "" {
				p.ID = d.ID + "/" + p.Anchor
			}
			if p.Anchor == "" || seen[p.ID] {
				return nil, 0, 0, fmt.Errorf("indexer: ancre vide ou en double %q dans %s", p.ID, d.Source)
			}
			seen[p.ID] = true
			textBytes += int64(len(p.Text))
		}
		nprov += len(d.Provisions)
		docs = append(docs, d)
	}
	return docs, nprov, textBytes, nil
}

// writeBleve writes the bleve index at path with scorch's offline builder:
// every CPU maps and analyses documents in parallel (the costly part)
// while this goroutine turns the analysed batches into segments, in
// document order; the segments are merged in one pass at the end. The
// layout is exactly bleve.NewBuilder's (index_meta.json, store/ with the
// mapping), so bleve.Open reads it.
func writeBleve(ctx context.Context, path string, docs []*corpus.Document, total int, progress func(done, total int)) error {
	m, err := newMapping()
	if err != nil {
		return fmt.Errorf("indexer: mapping: %w", err)
	}
	if err := m.Validate(); err != nil {
		return fmt.Errorf("indexer: mapping: %w", err)
	}
	mb, err := util.MarshalJSON(m)
	if err != nil {
		return fmt.Errorf("indexer: mapping: %w", err)
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	meta := []byte(`{"storage":"` + scorch.Name + `","index_type":"` + scorch.Name + `"}`)
	if err := os.WriteFile(filepath.Join(path, "index_meta.json"), meta, 0o644); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	b, err := scorch.NewBuilder(map[string]any{
		"path":            filepath.Join(path, "store"),
		"buildPathPrefix": filepath.Dir(path), // temporary segments inside the generation
		"batchSize":       batchSize,
		"mergeMax":        mergeMax,
		"internal":        map[string][]byte{string(util.MappingInternalKey): mb},
	})
	if err != nil {
		return fmt.Errorf("indexer: %w", err)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := analyseParallel(ctx, m, docs)
	done := 0
	var ierr error
	for c := range chunks {
		r := <-c
		if ierr != nil {
			continue // drain
		}
		if r.err != nil {
			ierr = r.err
			cancel()
			continue
		}
		for _, d := range r.docs {
			if err := b.Index(d); err != nil {
				ierr = fmt.Errorf("indexer: %s: %w", d.ID(), err)
				cancel()
				break
			}
		}
		done += len(r.docs)
		if progress != nil {
			progress(done, total)
		}
		if err := ctx.Err(); err != nil && ierr == nil {
			ierr = err
		}
	}
	if ierr == nil {
		ierr = ctx.Err()
	}
	if ierr != nil {
		// the builder's temporary directory is inside the generation,
		// removed with it
		if ctx.Err() != nil {
			return fmt.Errorf("indexer: construction interrompue: %w", ctx.Err())
		}
		return ierr
	}
	if err := b.Close(); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	return nil
}

// mergeMax is how many segments the builder merges at once: all of them
// in practice, so that every posting is rewritten once instead of once per
// merge level.
const mergeMax = 1 << 20

// analysed is one chunk of mapped and analysed bleve documents.
type analysed struct {
	docs []*document.Document
	err  error
}

// analyseParallel maps and analyses docs and their provisions on every CPU.
// It returns, in document order, one channel per chunk that yields the
// chunk once ready; the number of chunks in flight is bounded.
func analyseParallel(ctx context.Context, m mapping.IndexMapping, docs []*corpus.Document) <-chan chan analysed {
	type item struct {
		d *corpus.Document
		p int // provision index, -1 for the document itself
	}
	type job struct {
		items []item
		out   chan analysed
	}
	workers := runtime.GOMAXPROCS(0)
	ordered := make(chan chan analysed, 4*workers)
	jobs := make(chan job, 4*workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var r analysed
				for _, it := range j.items {
					if ctx.Err() != nil {
						r.err = ctx.Err()
						break
					}
					var (
						id     string
						fields map[string]any
					)
					if it.p < 0 {
						id, fields = it.d.ID, documentFields(it.d)
					} else {
						p := &it.d.Provisions[it.p]
						id, fields = p.ID, provisionFields(it.d, p)
					}
					doc := document.NewDocument(id)
					if err := m.MapDocument(doc, fields); err != nil {
						r.err = fmt.Errorf("indexer: %s: %w", id, err)
						break
					}
					preAnalyse(doc)
					r.docs = append(r.docs, doc)
				}
				j.out <- r
			}
		}()
	}
	go func() {
		defer close(ordered)
		defer close(jobs)
		const chunk = 64
		var items []item
		flush := func() bool {
			if len(items) == 0 {
				return true
			}
			out := make(chan analysed, 1)
			select {
			case ordered <- out:
			case <-ctx.Done():
				return false
			}
			jobs <- job{items: items, out: out}
			items = nil
			return true
		}
		for _, d := range docs {
			items = append(items, item{d, -1})
			for i := range d.Provisions {
				items = append(items, item{d, i})
				if len(items) >= chunk && !flush() {
					return
				}
			}
			if len(items) >= chunk && !flush() {
				return
			}
		}
		flush()
	}()
	return ordered
}

// preAnalyse analyses every indexed field of doc now, and marks it so that
// the builder's own analysis pass leaves it as is (scorch calls Analyze on
// each field again before building a segment).
func preAnalyse(doc *document.Document) {
	for i, f := range doc.Fields {
		if f.Options().IsIndexed() {
			f.Analyze()
			doc.Fields[i] = analysedField{f}
		}
	}
}

// analysedField is a field whose analysis is already done.
type analysedField struct{ document.Field }

// Analyze is a no-op: the tokens were computed by preAnalyse.
func (analysedField) Analyze() {}

// writeStore writes store.json.zst: the documents as soon as called, then
// the stats once received on statsc (nil abandons the file). The fields are
// in another order than the store struct; JSON decoding does not mind.
func writeStore(path string, docs []*corpus.Document, statsc <-chan *Stats) (err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		<-statsc
		return fmt.Errorf("indexer: %w", err)
	}
	defer f.Close()
	defer func() {
		if err != nil {
			os.Remove(path)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	zw, err := zstd.NewWriter(bw, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
	if err != nil {
		<-statsc
		return fmt.Errorf("indexer: %w", err)
	}
	fmt.Fprintf(zw, `{"version":%d,"documents":[`, storeVersion)
	// One document at a time: encoding the whole slice at once would
	// build the corpus's JSON in one growing buffer before writing it.
	enc := json.NewEncoder(zw)
	var derr error
	for i, d := range docs {
		if i > 0 {
			zw.Write([]byte{','})
		}
		if derr = enc.Encode(d); derr != nil {
			break
		}
	}
	zw.Write([]byte{']'})
	stats := <-statsc
	if stats == nil {
		return errors.New("indexer: construction abandonnée")
	}
	if derr != nil {
		return fmt.Errorf("indexer: %s: %w", path, derr)
	}
	sb, err := json.Marshal(stats)
	if err != nil {
		return fmt.Errorf("indexer: %s: %w", path, err)
	}
	zw.Write([]byte(`,"stats":`))
	zw.Write(sb)
	if _, err := zw.Write([]byte("}\n")); err != nil {
		return fmt.Errorf("indexer: %s: %w", path, err)
	}
	return closeSynced(path, f, bw, zw)
}

// closeSynced ends a compressed file written through zw, then bw, then f:
// it closes the compressor, flushes the buffer, fsyncs and closes the file.
func closeSynced(path string, f *os.File, bw *bufio.Writer, zw io.Closer) error {
	if err := zw.Close(); err != nil {
		return fmt.Errorf("indexer: %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("indexer: %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("indexer: %s: %w", path, err)
	}
	return f.Close()
}

func readStore(path string) (*store, error) {
	var s store
	if err := readZstd(path, func(r io.Reader) error { return json.NewDecoder(r).Decode(&s) }); err != nil {
		return nil, err
	}
	if s.Version != storeVersion {
		return nil, fmt.Errorf("%s: version %d, attendue %d (reconstruire l'index)", path, s.Version, storeVersion)
	}
	return &s, nil
}

// readZstd passes the decompressed content of the zstd file at path to
// read. An error opening the file is returned as is (fs.ErrNotExist stays
// testable); the others name the file.
func readZstd(path string, read func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := zstd.NewReader(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	if err := read(zr); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("indexer: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("indexer: %w", err)
	}
	return f.Close()
}

// syncTree fsyncs every file and directory under root.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("indexer: %w", err)
		}
		defer f.Close()
		if err := f.Sync(); err != nil {
			return fmt.Errorf("indexer: fsync %s: %w", path, err)
		}
		return nil
	})
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("indexer: fsync %s: %w", dir, err)
	}
	return nil
}

// switchCurrent points dir/current at the generation name: a symlink made
// under a temporary name, renamed over current (atomic on POSIX), then the
// directory fsynced.
func switchCurrent(dir, name string) error {
	tmp := filepath.Join(dir, ".current-"+name)
	os.Remove(tmp)
	if err := os.Symlink(name, tmp); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, currentLink)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("indexer: %w", err)
	}
	return syncDir(dir)
}

// currentGen returns the generation name dir/current points at, or an error
// wrapping ErrNoIndex.
func currentGen(dir string) (string, error) {
	target, err := os.Readlink(filepath.Join(dir, currentLink))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%w dans %s", ErrNoIndex, dir)
		}
		return "", fmt.Errorf("indexer: %w", err)
	}
	name := filepath.Base(target)
	if !strings.HasPrefix(name, genPrefix) {
		return "", fmt.Errorf("indexer: %s/current pointe vers %q, pas une génération", dir, target)
	}
	return name, nil
}

// generations lists the gen-* directories of dir.
func generations(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("indexer: %w", err)
	}
	var gens []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), genPrefix) {
			gens = append(gens, e.Name())
		}
	}
	return gens, nil
}

func isComplete(gen string) bool {
	_, err := os.Stat(filepath.Join(gen, completeMarker))
	return err == nil
}

// removeIncomplete deletes generations without a COMPLETE marker: leftovers
// of a crashed build (the caller holds the build lock, so none is running).
func removeIncomplete(dir string) error {
	gens, err := generations(dir)
	if err != nil {
		return err
	}
	for _, g := range gens {
		if p := filepath.Join(dir, g); !isComplete(p) {
			if err := os.RemoveAll(p); err != nil {
				return fmt.Errorf("indexer: %w", err)
			}
		}
	}
	return nil
}

// removeOld deletes every generation but cur and prev. Errors are ignored:
// a leftover is retried by the next Build.
func removeOld(dir, cur, prev string) {
	gens, err := generations(dir)
	if err != nil {
		return
	}
	for _, g := range gens {
		if g != cur && g != prev {
			os.RemoveAll(filepath.Join(dir, g))
		}
	}
}

// ReadStats returns the Stats of the current generation without opening
// the index or loading its documents (for deciding whether to rebuild).
// The error wraps ErrNoIndex when there is no complete generation or it
// predates stats.json.
func ReadStats(dir string) (Stats, error) {
	name, err := currentGen(dir)
	if err != nil {
		return Stats{}, err
	}
	gen := filepath.Join(dir, name)
	if !isComplete(gen) {
		return Stats{}, fmt.Errorf("%w: génération %s incomplète", ErrNoIndex, name)
	}
	b, err := os.ReadFile(filepath.Join(gen, statsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return Stats{}, fmt.Errorf("%w: génération %s sans %s", ErrNoIndex, name, statsFile)
	}
	if err != nil {
		return Stats{}, fmt.Errorf("indexer: %w", err)
	}
	var st Stats
	if err := json.Unmarshal(b, &st); err != nil {
		return Stats{}, fmt.Errorf("indexer: %s: %w", statsFile, err)
	}
	return st, nil
}

// BuiltAt returns when the current generation of dir finished building, to
// decide whether the corpus changed since. The error wraps ErrNoIndex when
// dir holds no complete index.
func BuiltAt(dir string) (time.Time, error) {
	name, err := currentGen(dir)
	if err != nil {
		return time.Time{}, err
	}
	b, err := os.ReadFile(filepath.Join(dir, name, completeMarker))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return time.Time{}, fmt.Errorf("%w: génération %s incomplète", ErrNoIndex, name)
		}
		return time.Time{}, fmt.Errorf("indexer: %w", err)
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(string(b)))
	if err != nil {
		return time.Time{}, fmt.Errorf("indexer: %s: %w", completeMarker, err)
	}
	return t, nil
}
