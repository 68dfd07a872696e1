package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"lextraite/indexer"
)

// mirrorCorpus lays out, in a new temporary folder, the given files and
// folders of the shared corpus at the same relative paths, hard-linked (the
// loader ignores symbolic links) or copied where linking fails. Nothing is
// written into the shared corpus nor the repository.
func mirrorCorpus(t *testing.T, rels ...string) string {
	t.Helper()
	dst := t.TempDir()
	for _, rel := range rels {
		err := filepath.WalkDir(filepath.Join(corpusDir, rel), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			r, _ := filepath.Rel(corpusDir, p)
			to := filepath.Join(dst, r)
			if d.IsDir() {
				return os.MkdirAll(to, 0o755)
			}
			if !d.Type().IsRegular() {
				return nil
			}
			if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
				return err
			}
			if os.Link(p, to) == nil {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(to, data, 0o644)
		})
		if err != nil {
			t.Fatalf("mirror %s: %v", rel, err)
		}
	}
	return dst
}

// server is a `lextraite serve` child process.
type server struct {
	cmd  *exec.Cmd
	base string
}

func startServer(t *testing.T, bin, index string) *server {
	t.Helper()
	addr := freePort(t)
	cmd := exec.Command(bin, "serve", "-q", "-index", index, "-addr", addr)
	cmd.Stdout = io.Discard
	cmd.Stderr = io.Discard // one log line per request
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, base: "http://" + addr}
	t.Cleanup(func() { s.stop(t) })
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := s.documents(); err == nil {
			return s
		} else if time.Now().After(deadline) {
			t.Fatalf("serve not ready after 60 s: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop interrupts the server and checks it exits cleanly.
func (s *server) stop(t *testing.T) {
	if s.cmd.ProcessState != nil {
		return
	}
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve did not stop cleanly on SIGINT: %v", err)
		}
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
		t.Error("serve did not stop within 15 s of SIGINT")
	}
}

// documents returns the document count /healthz reports.
func (s *server) documents() (int, error) {
	var h struct {
		Status    string `json:"status"`
		Documents int    `json:"documents"`
	}
	if err := getJSONErr(s.base+"/healthz", &h); err != nil {
		return 0, err
	}
	if h.Status != "ok" {
		return 0, fmt.Errorf("/healthz status %q", h.Status)
	}
	return h.Documents, nil
}

// firstHit returns the id of the first hit of /api/search for q.
func (s *server) firstHit(q string) (string, error) {
	var r struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	if err := getJSONErr(s.base+"/api/search?limit=3&q="+url.QueryEscape(q), &r); err != nil {
		return "", err
	}
	if len(r.Hits) == 0 {
		return "", fmt.Errorf("no hit for %q", q)
	}
	return r.Hits[0].ID, nil
}

func getJSONErr(u string, v any) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("GET %s: %s %.200s", u, resp.Status, b)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

const (
	want2254  = "fr-code-penal-traite-des-etres-humains/art-225-4-1"
	protocolD = "un-protocole-traite-2000-fr"
)

// generationsIn lists the gen-* folders of an index directory.
func generationsIn(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "gen-*"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range m {
		m[i] = filepath.Base(m[i])
	}
	return m
}

// TestKillDuringIndexKeepsServedIndex is issue 6, "Crashes": a kill -9 in
// the middle of `lextraite index` leaves the previous index intact and
// served, readers keep working through a rebuild, and the server switches
// to the rebuilt index without a restart.
func TestKillDuringIndexKeepsServedIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus partagé absent (%s) : test de crash ignoré", corpusDir)
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	idx := filepath.Join(tmp, "index")

	// Generation 1: a subset of the corpus (the French code, no treaty).
	subset := mirrorCorpus(t, "national/fr")
	if out, err := exec.Command(bin, "index", "-q", "-corpus", subset, "-index", idx).CombinedOutput(); err != nil {
		t.Fatalf("index subset: %v\n%s", err, out)
	}
	gens := generationsIn(t, idx)
	if len(gens) != 1 {
		t.Fatalf("after the first index: generations %v, want one", gens)
	}
	gen1 := gens[0]

	srv := startServer(t, bin, idx)
	n1, err := srv.documents()
	if err != nil {
		t.Fatal(err)
	}
	if hit, err := srv.firstHit("225-4-1"); err != nil || hit != want2254 {
		t.Fatalf("before the crash: first hit %q, %v; want %s", hit, err, want2254)
	}

	// Readers search without pause from here to the end; none may fail.
	var (
		readerErrs atomic.Int64
		readerN    atomic.Int64
		firstErr   atomic.Value
		stopRead   = make(chan struct{})
		readers    sync.WaitGroup
	)
	for range 2 {
		readers.Go(func() {
			for {
				select {
				case <-stopRead:
					return
				default:
				}
				hit, err := srv.firstHit("225-4-1")
				if err == nil && hit != want2254 {
					err = fmt.Errorf("first hit %q", hit)
				}
				if err != nil {
					readerErrs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
				}
				readerN.Add(1)
				time.Sleep(5 * time.Millisecond)
			}
		})
	}
	stopReaders := func() {
		close(stopRead)
		readers.Wait()
		if n := readerErrs.Load(); n > 0 {
			t.Errorf("%d of %d searches failed during the rebuilds; first: %v", n, readerN.Load(), firstErr.Load())
		}
	}
	defer func() {
		select {
		case <-stopRead:
		default:
			stopReaders()
		}
	}()

	// A full index into the same folder, killed (SIGKILL) once its new
	// generation folder exists, that is in the middle of writing it.
	kill := exec.Command(bin, "index", "-q", "-corpus", corpusDir, "-index", idx)
	kill.Stdout, kill.Stderr = io.Discard, io.Discard
	if err := kill.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- kill.Wait() }()
	var gen2 string
	deadline := time.Now().Add(2 * time.Minute)
wait:
	for {
		for _, g := range generationsIn(t, idx) {
			if g != gen1 {
				gen2 = g
				break wait
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("index exited (%v) before its generation folder was seen", err)
		default:
		}
		if time.Now().After(deadline) {
			_ = kill.Process.Kill()
			t.Fatal("no new generation folder within 2 minutes")
		}
		time.Sleep(2 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // let it write part of the index
	if err := kill.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill -9: %v", err)
	}
	err = <-exited
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("index was not killed mid-build (exit: %v); the test proves nothing", err)
	}
	if _, err := os.Stat(filepath.Join(idx, gen2, "COMPLETE")); err == nil {
		t.Fatalf("killed generation %s is marked COMPLETE: the kill came too late", gen2)
	}
	t.Logf("killed `lextraite index` while it wrote %s", gen2)

	// The previous index is intact and still served.
	if hit, err := srv.firstHit("225-4-1"); err != nil || hit != want2254 {
		t.Errorf("after the crash: first hit %q, %v; want %s", hit, err, want2254)
	}
	if n, err := srv.documents(); err != nil || n != n1 {
		t.Errorf("after the crash: server has %d documents (%v), want %d", n, err, n1)
	}
	ix, err := indexer.Open(idx)
	if err != nil {
		t.Fatalf("indexer.Open after the crash: %v", err)
	}
	if g := ix.Generation(); g != gen1 {
		t.Errorf("indexer.Open after the crash opened %s, want the previous generation %s", g, gen1)
	}
	if n := len(ix.Documents()); n != n1 {
		t.Errorf("indexer.Open after the crash: %d documents, want %d", n, n1)
	}
	if r, err := ix.Search(context.Background(), indexer.Request{Query: "225-4-1", Limit: 1}); err != nil || len(r.Hits) == 0 || r.Hits[0].ID != want2254 {
		t.Errorf("search on the reopened index: %+v, %v", r, err)
	}
	ix.Close()
	if err := getJSONErr(srv.base+"/api/doc/"+protocolD, new(map[string]any)); err == nil {
		t.Fatalf("the subset index already holds %s: the test cannot see the switch", protocolD)
	}

	// A full re-index completes and the running server switches to it.
	if out, err := exec.Command(bin, "index", "-q", "-corpus", corpusDir, "-index", idx).CombinedOutput(); err != nil {
		t.Fatalf("full index after the crash: %v\n%s", err, out)
	}
	ix, err = indexer.Open(idx)
	if err != nil {
		t.Fatalf("indexer.Open after the full index: %v", err)
	}
	gen3, n3 := ix.Generation(), len(ix.Documents())
	ix.Close()
	if gen3 == gen1 || gen3 == gen2 || n3 <= n1 {
		t.Fatalf("full index: generation %s with %d documents; want a new one with more than %d", gen3, n3, n1)
	}
	if _, err := os.Stat(filepath.Join(idx, gen2)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the killed generation %s was not cleaned up (%v)", gen2, err)
	}
	deadline = time.Now().Add(15 * time.Second)
	for {
		n, err := srv.documents()
		if err == nil && n == n3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server still reports %d documents (%v) 15 s after the rebuild, want %d", n, err, n3)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := getJSONErr(srv.base+"/api/doc/"+protocolD, new(map[string]any)); err != nil {
		t.Errorf("after the switch: %v", err)
	}
	if hit, err := srv.firstHit("225-4-1"); err != nil || hit != want2254 {
		t.Errorf("after the switch: first hit %q, %v; want %s", hit, err, want2254)
	}
	stopReaders()
	if readerN.Load() < 10 {
		t.Errorf("only %d searches ran during the rebuilds", readerN.Load())
	}
	t.Logf("%d searches during the crash and the rebuild; %d → %d documents served without restart", readerN.Load(), n1, n3)
}
