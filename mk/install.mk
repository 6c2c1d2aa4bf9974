# Installation and release (issue 8).
#
#   make install     the program, followup(1), the sample config as
#                    $(sysconfdir)/followup/config.ini (kept when present),
#                    the sample report, the Chinese catalogue, bash completion
#   make uninstall   removes what install put there; keeps the system config
#                    when the administrator has changed it
#   make dist        followup-$(VERSION).tar.gz from git HEAD
#   make distcheck   unpacks the tarball in a temporary directory, runs
#                    make test, install and uninstall there
#
# PREFIX (default /usr/local) and DESTDIR (staging root, default none) as
# usual; every directory below can be overridden on the command line. The
# program finds its catalogue and sample beside itself (../share/...), so an
# installed tree can be moved. bindir, sysconfdir (default /etc, whatever
# the PREFIX) and localstatedir (default /var) are built into the program:
# give the same values to make and make install. It reads
# $(sysconfdir)/followup/config.ini and keeps the team database in
# $(localstatedir)/lib/followup (issue 13), which only $(bindir)/followup
# itself uses by default (issue 25: not a build in a checkout, not a moved
# or DESTDIR-staged tree; --team asks for it).
#
# As root, install also creates the system group `followup` when missing,
# installs the program root:followup mode 2755 (setgid) and the team
# directory root:followup mode 2770; users are never put in the group.
# Not as root (a staged build), the program is installed 0755 and the group
# and team directory are left to the package. uninstall never touches the
# team directory.

VERSION     := $(shell sed -n 's/.*FOLLOWUP_VERSION "\(.*\)"/\1/p' cli/cli.h)
DISTNAME     = followup-$(VERSION)

bindir      ?= $(PREFIX)/bin
datarootdir ?= $(PREFIX)/share
pkgdatadir  ?= $(datarootdir)/followup
mandir      ?= $(datarootdir)/man
man1dir     ?= $(mandir)/man1
localedir   ?= $(datarootdir)/locale
bashcompdir ?= $(datarootdir)/bash-completion/completions
sysconfdir  ?= /etc
localstatedir ?= /var
teamdir      = $(localstatedir)/lib/followup
TEAM_GROUP  ?= followup

# The built-in paths: host/sysdirs.o is rebuilt when they change.
SYSDIRS_STAMP := $(BUILD)/sysdirs.stamp
SYSDIRS_DEFS   = -DFU_BINDIR='"$(bindir)"' -DFU_SYSCONFDIR='"$(sysconfdir)"' \
                 -DFU_LOCALSTATEDIR='"$(localstatedir)"'
_sysdirs := $(shell mkdir -p $(BUILD) && echo '$(SYSDIRS_DEFS)' >$(SYSDIRS_STAMP).new && \
	{ cmp -s $(SYSDIRS_STAMP).new $(SYSDIRS_STAMP) && rm -f $(SYSDIRS_STAMP).new || \
	  mv -f $(SYSDIRS_STAMP).new $(SYSDIRS_STAMP); })
$(BUILD)/host/sysdirs.o: $(SYSDIRS_STAMP)
$(BUILD)/host/sysdirs.o: ALL_CFLAGS += $(SYSDIRS_DEFS)

INSTALL      ?= install
MSGFMT       ?= msgfmt
# The binary to install (the tests give the one they test).
INSTALL_BIN  ?= followup

MO := $(BUILD)/locale/zh_CN/LC_MESSAGES/followup.mo
MAN_PAGE   := docs/followup.1
COMPLETION := completion/followup.bash

.PHONY: install uninstall dist distcheck locale

# The catalogue is built with the program when msgfmt is there (make run
# then finds it beside ./followup); install needs it in any case.
locale: $(MO)
all: $(if $(shell command -v $(MSGFMT) 2>/dev/null),$(MO))
check check-all: $(if $(shell command -v $(MSGFMT) 2>/dev/null),$(MO))

$(MO): po/zh_CN.po
	@mkdir -p $(dir $@)
	$(MSGFMT) -c -o $@.tmp $< && mv $@.tmp $@

install: $(INSTALL_BIN) $(MO)
	$(INSTALL) -d $(DESTDIR)$(bindir) $(DESTDIR)$(man1dir) $(DESTDIR)$(pkgdatadir) \
		$(DESTDIR)$(localedir)/zh_CN/LC_MESSAGES $(DESTDIR)$(bashcompdir) \
		$(DESTDIR)$(sysconfdir)/followup
	$(INSTALL) -m 755 $(INSTALL_BIN) $(DESTDIR)$(bindir)/followup
	@if [ "$$(id -u)" -eq 0 ]; then \
		getent group $(TEAM_GROUP) >/dev/null || { echo "groupadd --system $(TEAM_GROUP)"; \
			groupadd --system $(TEAM_GROUP); } || exit 1; \
		echo "chown root:$(TEAM_GROUP) $(DESTDIR)$(bindir)/followup; chmod 2755 (setgid)"; \
		chown root:$(TEAM_GROUP) $(DESTDIR)$(bindir)/followup && \
		chmod 2755 $(DESTDIR)$(bindir)/followup || exit 1; \
		$(INSTALL) -d -o root -g $(TEAM_GROUP) -m 2770 $(DESTDIR)$(teamdir) && \
		chown root:$(TEAM_GROUP) $(DESTDIR)$(teamdir) && chmod 2770 $(DESTDIR)$(teamdir) || exit 1; \
		echo "team directory $(DESTDIR)$(teamdir) (root:$(TEAM_GROUP) 2770); create the team database with: sudo followup team init --committee LOGIN"; \
	else \
		echo "not root: $(DESTDIR)$(bindir)/followup is not setgid and there is no team directory (run make install as root for team use)"; \
	fi
	$(INSTALL) -m 644 $(MAN_PAGE) $(DESTDIR)$(man1dir)/followup.1
	$(INSTALL) -m 644 $(SAMPLE) config.ini $(DESTDIR)$(pkgdatadir)/
	$(INSTALL) -m 644 $(MO) $(DESTDIR)$(localedir)/zh_CN/LC_MESSAGES/followup.mo
	$(INSTALL) -m 644 $(COMPLETION) $(DESTDIR)$(bashcompdir)/followup
	@if [ -e $(DESTDIR)$(sysconfdir)/followup/config.ini ]; then \
		echo "kept $(DESTDIR)$(sysconfdir)/followup/config.ini; the new sample is $(DESTDIR)$(pkgdatadir)/config.ini"; \
	else \
		echo "$(INSTALL) -m 644 config.ini $(DESTDIR)$(sysconfdir)/followup/config.ini"; \
		$(INSTALL) -m 644 config.ini $(DESTDIR)$(sysconfdir)/followup/config.ini; \
	fi

uninstall:
	rm -f $(DESTDIR)$(bindir)/followup $(DESTDIR)$(man1dir)/followup.1 \
		$(DESTDIR)$(pkgdatadir)/$(notdir $(SAMPLE)) $(DESTDIR)$(pkgdatadir)/config.ini \
		$(DESTDIR)$(localedir)/zh_CN/LC_MESSAGES/followup.mo \
		$(DESTDIR)$(bashcompdir)/followup
	@[ -d $(DESTDIR)$(teamdir) ] && echo "kept $(DESTDIR)$(teamdir) and the team's data in it (remove by hand)"; true
	-rmdir $(DESTDIR)$(pkgdatadir) 2>/dev/null
	@conf=$(DESTDIR)$(sysconfdir)/followup/config.ini; \
	if [ -e "$$conf" ] && ! cmp -s config.ini "$$conf"; then \
		echo "kept $$conf: it differs from the sample (remove it by hand if it is no longer wanted)"; \
	else \
		echo "rm -f $$conf"; rm -f "$$conf"; rmdir $(DESTDIR)$(sysconfdir)/followup 2>/dev/null; true; \
	fi

dist:
	@git rev-parse --verify -q HEAD >/dev/null || { \
		echo "make dist: needs a git checkout (it archives HEAD)" >&2; exit 1; }
	@git diff --quiet HEAD -- || echo "make dist: note: uncommitted changes are not in the tarball" >&2
	git archive --format=tar.gz --prefix=$(DISTNAME)/ -o $(DISTNAME).tar.gz HEAD
	@echo "$(DISTNAME).tar.gz"

# The tarball on its own: builds, passes every test, installs and uninstalls.
# (The directory is opened to all: some tests run the program as another user.)
distcheck: dist
	@d=$$(mktemp -d /tmp/followup-distcheck.XXXXXX) && chmod 755 $$d && \
	tar -xzf $(DISTNAME).tar.gz -C $$d && \
	$(MAKE) -C $$d/$(DISTNAME) --no-print-directory test && \
	$(MAKE) -C $$d/$(DISTNAME) --no-print-directory -s install DESTDIR=$$d/dest && \
	$$d/dest$(PREFIX)/bin/followup --version | head -1 && \
	$(MAKE) -C $$d/$(DISTNAME) --no-print-directory -s uninstall DESTDIR=$$d/dest && \
	left=$$(find $$d/dest -type f) && [ -z "$$left" ] || { echo "distcheck: failed in $$d $$left" >&2; exit 1; }; \
	rm -rf $$d; echo "distcheck: $(DISTNAME).tar.gz builds, passes make test, installs and uninstalls"
