package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// corpusList is the repeatable -corpus flag.
type corpusList []string

func (c *corpusList) String() string { return strings.Join(*c, ", ") }

// Set adds one corpus folder.
func (c *corpusList) Set(v string) error {
	if v == "" {
		return fmt.Errorf("dossier vide")
	}
	*c = append(*c, v)
	return nil
}

// corpusPrint identifies what an index was built from.
type corpusPrint struct {
	roots []string // absolute corpus folders, in order
	sum   string   // hex SHA-256
}

// fingerprint hashes the corpus folders and the metadata folder: every
// regular file's path, size and modification time. A file added (even with
// an old date), removed or changed, or another set of folders, gives
// another fingerprint.
func fingerprint(roots []string, metaDir string) (corpusPrint, error) {
	h := sha256.New()
	var fp corpusPrint
	dirs := append([]string(nil), roots...)
	if metaDir != "" {
		dirs = append(dirs, metaDir)
	}
	for i, root := range dirs {
		abs, err := filepath.Abs(root)
		if err != nil {
			return fp, err
		}
		if i < len(roots) {
			fp.roots = append(fp.roots, abs)
		}
		fmt.Fprintf(h, "root %s\n", abs)
		err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // unreadable parts are reported by the loader
			}
			if d.Type().IsRegular() {
				info, err := d.Info()
				if err == nil {
					rel, _ := filepath.Rel(abs, p)
					fmt.Fprintf(h, "%s\x00%d\x00%d\n", rel, info.Size(), info.ModTime().UnixNano())
				}
			}
			return nil
		})
		if err != nil {
			return fp, err
		}
	}
	fp.sum = hex.EncodeToString(h.Sum(nil))
	return fp, nil
}
