package site

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

//go:embed templates
var templateFS embed.FS

// pageNames are the page templates; each is parsed once with the layout
// (base.html) and the shared parts (partials.html) into its own set.
var pageNames = []string{"home", "results", "doc", "corpus", "error", "compare", "export", "selection", "definitions"}

// templates holds one parsed set per page.
type templates struct {
	sets  map[string]*template.Template
	funcs template.FuncMap

	// dev: re-parse from dir on every execution.
	dev bool
	dir string
	mu  sync.Mutex
}

// parseTemplates parses every page's set from fsys (holding templates/),
// failing if any is missing or broken.
func parseTemplates(fsys fs.FS, funcs template.FuncMap) (*templates, error) {
	t := &templates{sets: map[string]*template.Template{}, funcs: funcs}
	for _, name := range pageNames {
		set, err := template.New(name).Funcs(funcs).ParseFS(fsys,
			"templates/base.html", "templates/partials.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("gabarit %s : %w", name, err)
		}
		if set.Lookup("base") == nil || set.Lookup("content") == nil {
			return nil, fmt.Errorf("gabarit %s : « base » ou « content » manquant", name)
		}
		t.sets[name] = set
	}
	return t, nil
}

// execute renders page name with data into buf.
func (t *templates) execute(buf *bytes.Buffer, name string, data any) error {
	set := t.sets[name]
	if t.dev {
		t.mu.Lock()
		fresh, err := parseTemplates(os.DirFS(t.dir), t.funcs)
		t.mu.Unlock()
		if err != nil {
			return err
		}
		set = fresh.sets[name]
	}
	if set == nil {
		return fmt.Errorf("gabarit inconnu : %s", name)
	}
	return set.ExecuteTemplate(buf, "base", data)
}

// useDevDir makes t re-parse from dir (holding templates/) on every page.
func (t *templates) useDevDir(dir string) {
	t.dev = true
	t.dir = filepath.Clean(dir)
}
