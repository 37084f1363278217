package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/interviewbot/interviewbot/classroom"
)

var classroomCommand = command{
	name:    "classroom",
	summary: "write the classroom material to DIR as plain files to edit, which CLASSROOM_DIR then loads instead of the built-in material: its data (JSON), the glossary as CSV for flashcards, and a README.txt",
	args:    "export [--force] DIR",
	details: `DIR is created if absent. It gets:
  *.json        every file of the material (questions, prompts, glossary,
                timeline, fill-the-gap words, notes, curriculum…), as the
                bot reads them;
  glossary.csv  the glossary for flashcards (Anki, a spreadsheet…):
                term_fr, definition_fr, term_en, definition_en, id, after a
                header row; UTF-8 without a byte-order mark, comma-separated,
                quoted as RFC 4180 says;
  README.txt    how to edit the files and load them, in French and English;
  sentences.txt every sentence of the interview after the reference that
                cites it ("a7.1.5": answer 7, its 6th sentence), in French
                and English.

Edit the JSON files, then set CLASSROOM_DIR=DIR: every command that uses the
material (serve, serve-http, worksheet, this one) loads DIR instead, checks it
first, and stops with exit 78 and the file and line of each mistake. Every
file must be there: the copy is complete, never half of it from the program.
With CLASSROOM_DIR set, this command exports that copy: run it with --force
on the same DIR to make glossary.csv again after editing glossary.json.

Opening glossary.csv: Google Sheets and Numbers open it as it is; LibreOffice
Calc asks: choose "Unicode (UTF-8)" and "Comma". Excel reads a double-clicked
CSV in the system's code page (accents garbled) and, set for French, splits on
semicolons: use Data > From Text/CSV instead, File origin "65001: Unicode
(UTF-8)", Delimiter "Comma". Flashcard apps that import CSV (Anki: File >
Import) make the first two columns a card's front and back, French; the first
row names the columns.

Files that exist in DIR are not overwritten, and then nothing is written,
unless --force.
`,
	new: func() runner { return new(classroomCmd) },
}

type classroomCmd struct {
	corpusFlag
	force bool
}

func (c *classroomCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	fs.BoolVar(&c.force, "force", false, "overwrite the files that exist in DIR")
}

func (c *classroomCmd) run(_ context.Context, e env, args []string) error {
	if len(args) != 2 || args[0] != "export" || args[1] == "" {
		return usagef("classroom: want 'classroom export [--force] DIR' (see 'interviewbot classroom --help')")
	}
	dir := args[1]
	cfg := classroomConfig(e.getenv)
	iv, err := c.interview()
	if err != nil {
		return err
	}
	m, err := cfg.classroom(iv)
	if err != nil {
		return err
	}
	files, err := m.Export()
	if err != nil {
		return err
	}
	if err := writeFiles(e.stdout, dir, files, c.force); err != nil {
		return fmt.Errorf("classroom export: %w", err)
	}
	fmt.Fprintf(e.stdout, "Edit them, then set CLASSROOM_DIR=%s to load them (see %s).\n", dir, filepath.Join(dir, classroom.ReadmeTXT))
	return nil
}

// writeFiles writes files to dir, which it creates if absent, and prints
// each file's path and size. Without force, it writes nothing if any of
// them exists.
func writeFiles(w io.Writer, dir string, files []classroom.File, force bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if !force {
		var exist []string
		for _, f := range files {
			if _, err := os.Lstat(filepath.Join(dir, f.Name)); err == nil {
				exist = append(exist, f.Name)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		if len(exist) > 0 {
			return fmt.Errorf("%s already holds %s; nothing written (--force overwrites them)", dir, strings.Join(exist, ", "))
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, f.Name)
		if err := writeFile(dir, p, f.Data, force); err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote %s (%d bytes)\n", p, len(f.Data))
	}
	return nil
}

// writeFile writes data to name, a file of dir, through a temporary file
// renamed over it: a teacher's edited file is never left half written,
// and a symbolic link at name is replaced, not followed. Without
// overwrite, a file made at name since the look is not replaced.
func writeFile(dir, name string, data []byte, overwrite bool) error {
	f, err := os.CreateTemp(dir, ".export-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // once renamed, there is nothing to remove
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if !overwrite {
		// A link, unlike a rename, refuses a name that exists.
		return os.Link(f.Name(), name)
	}
	return os.Rename(f.Name(), name)
}
