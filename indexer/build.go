package indexer

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	_ "lextraite/analyzers" // registers the analyzers named in the mapping
	"lextraite/corpus"
)

// On-disk layout of an index directory:
//
//	dir/current                          symlink to the generation in use
//	dir/gen-20260102T150405.000000000/   one generation (UTC start time)
//	    bleve/                           the bleve index
//	    store.json.gz                    documents with provisions + Stats
//	    COMPLETE                         written last: the build's end time
//	dir/.lock                            held (flock) while a Build runs
const (
	currentLink    = "current"
	genPrefix      = "gen-"
	genLayout      = "20060102T150405.000000000"
	bleveDir       = "bleve"
	storeFile      = "store.json.gz"
	completeMarker = "COMPLETE"
	storeVersion   = 1
	batchSize      = 500
)

// store is the content of store.json.gz.
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
func Build(ctx context.Context, dir string, docs []*corpus.Document, stats Stats, progress func(done, total int)) (err error) {
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
	if err := writeBleve(ctx, filepath.Join(gen, bleveDir), docs, len(docs)+nprov, progress); err != nil {
		return err
	}

	stats.Documents = len(docs)
	stats.Provisions = nprov
	if stats.TextBytes == 0 {
		stats.TextBytes = textBytes
	}
	if stats.Skipped == nil {
		stats.Skipped = []corpus.Skipped{}
	}
	end := time.Now().UTC()
	stats.BuiltAt = end.Format(time.RFC3339)
	if err := writeStore(filepath.Join(gen, storeFile), &store{Version: storeVersion, Stats: stats, Documents: docs}); err != nil {
		return err
	}
	if err := syncTree(gen); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("indexer: construction interrompue: %w", err)
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

// writeBleve writes the bleve index at path with bleve's offline builder
// (batches of batchSize, one merged segment at the end).
func writeBleve(ctx context.Context, path string, docs []*corpus.Document, total int, progress func(done, total int)) error {
	m, err := newMapping()
	if err != nil {
		return fmt.Errorf("indexer: mapping: %w", err)
	}
	b, err := bleve.NewBuilder(path, m, map[string]any{"batchSize": batchSize})
	if err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	done := 0
	step := func() error {
		done++
		if progress != nil && (done%batchSize == 0 || done == total) {
			progress(done, total)
		}
		if done%64 == 0 {
			return ctx.Err()
		}
		return nil
	}
	index := func() error {
		for _, d := range docs {
			if err := b.Index(d.ID, documentFields(d)); err != nil {
				return fmt.Errorf("indexer: %s: %w", d.ID, err)
			}
			if err := step(); err != nil {
				return err
			}
			for i := range d.Provisions {
				p := &d.Provisions[i]
				if err := b.Index(p.ID, provisionFields(d, p)); err != nil {
					return fmt.Errorf("indexer: %s: %w", p.ID, err)
				}
				if err := step(); err != nil {
					return err
				}
			}
		}
		return ctx.Err()
	}
	if err := index(); err != nil {
		b.Close()
		if ctx.Err() != nil {
			return fmt.Errorf("indexer: construction interrompue: %w", ctx.Err())
		}
		return err
	}
	if err := b.Close(); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	return nil
}

func writeStore(path string, s *store) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<16)
	zw := gzip.NewWriter(bw)
	if err := json.NewEncoder(zw).Encode(s); err != nil {
		return fmt.Errorf("indexer: %s: %w", path, err)
	}
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
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var s store
	if err := json.NewDecoder(zr).Decode(&s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if s.Version != storeVersion {
		return nil, fmt.Errorf("%s: version %d, attendue %d (reconstruire l'index)", path, s.Version, storeVersion)
	}
	return &s, nil
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
