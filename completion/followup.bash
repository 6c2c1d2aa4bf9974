# bash completion for followup(1)                       -*- shell-script -*-
#
# Installed as $(PREFIX)/share/bash-completion/completions/followup, where
# bash-completion loads it on first use; or source it from ~/.bashrc.
# Completes commands and options (read from 'followup --help' and
# 'followup COMMAND --help', so they never fall behind the program), task
# codes (from 'followup list --format csv'), department names ('followup
# dept list'), users, statuses and the values an option lists. The --db,
# --config and --as given on the line are passed on, so the codes come from
# the database the command will use. Needs nothing but bash.

# _followup_run ARGS…: followup with the line's global options, no stderr.
_followup_run()
{
    "$_followup_prog" "${_followup_globals[@]}" "$@" 2>/dev/null
}

# _followup_add WORD…: the words that start with $cur (after $pre, the
# part of a comma list already typed) become candidates.
_followup_add()
{
    local w IFS=$'\n'
    for w in "$@"; do
        [[ -n $w && $pre$w == "$cur"* ]] && COMPREPLY+=("$pre$w")
    done
}

_followup_tasks()
{
    local IFS=$'\n' line report code many=0
    local -a rows
    rows=($(_followup_run list --format csv | awk -F, 'NR > 1 { print $2 "," $3 }'))
    [[ $(printf '%s\n' "${rows[@]}" | cut -d, -f1 | sort -u | wc -l) -gt 1 ]] && many=1
    for line in "${rows[@]}"; do
        report=${line%%,*} code=${line#*,}
        _followup_add "$code"
        ((many)) && _followup_add "$report:$code"
    done
}

_followup_depts() { local IFS=$'\n'; _followup_add $(_followup_run dept list | awk '{ print $1 }'); }
_followup_users() { local IFS=$'\n'; _followup_add $(_followup_run user list | awk '{ print $1 }'); }
_followup_reports()
{
    local IFS=$'\n'
    _followup_add $(_followup_run reports | awk 'NR > 1 { print $1 }')
}
_followup_statuses() { _followup_add todo active ongoing delayed submitted done; }
_followup_files()
{
    local IFS=$'\n'
    COMPREPLY+=($(compgen -f -- "$cur"))
    compopt -o filenames 2>/dev/null
}

# The usage of the command being completed: the first lines of its --help,
# without the global options (they go before the command).
_followup_usage()
{
    _followup_run "$1" --help | sed -n '1,/^$/{s/^.*\[--as USER\] //;p}'
}

# Values of option $1 in usage $2: "--format table|csv|json" gives three.
_followup_option_values()
{
    local opt=$1 usage=$2
    grep -oE -- "$opt [a-z0-9-]+(\|[a-z0-9-]+)+" <<<"$usage" | head -1 | cut -d' ' -f2 | tr '|' '\n'
}

# Completes the value of option $1 of command $2.
_followup_option_arg()
{
    local opt=$1 cmd=$2 usage values
    case $opt in
    --db | --config | -o | --output) _followup_files; return ;;
    --as | --user) _followup_users; return ;;
    --dept | --support)
        [[ $cur == *,* ]] && pre=${cur%,*},
        _followup_depts
        return
        ;;
    --status) _followup_statuses; return ;;
    --report) _followup_reports; return ;;
    --kind) _followup_add section item statement; return ;;
    --format)   # a report's format (parse, import); the others list theirs in the usage
        [[ $cmd == parse || $cmd == import ]] &&
            { _followup_add auto text docx odt doc wps pdf html xlsx csv; return; } ;;
    esac
    usage=$(_followup_usage "$cmd")
    values=$(_followup_option_values "$opt" "$usage")
    local IFS=$'\n'
    [[ -n $values ]] && _followup_add $values
}

# Does option $1 of command $2 take a value? (its usage says "--opt VALUE")
_followup_takes_arg()
{
    case $1 in
    --db | --config | --as) return 0 ;;
    --help | -h | --version) return 1 ;;
    esac
    [[ -n $2 ]] && grep -qE -- "$1 [^][ |]" <<<"$(_followup_usage "$2")"
}

# Completes positional argument number $1 (1-based; the subcommand, if any,
# is the first) of command $2.
_followup_positional()
{
    local n=$1 cmd=$2 sub=$3
    case $cmd:$n in
    parse:1 | import:1 | backup:1) _followup_files ;;
    show:1 | note:1 | accept:1 | return:1 | history:1 | assign:1 | status:1) _followup_tasks ;;
    assign:2) _followup_add -; _followup_depts ;;
    status:2) _followup_statuses ;;
    user:1 | dept:1 | review:1)
        local IFS=$'\n'
        _followup_add $(_followup_usage "$cmd" | grep -oE "(^|[ |]) *$cmd [a-z]+" |
            awk '{ print $NF }' | sort -u)
        ;;
    user:2)
        case $sub in
        add) COMPREPLY+=($(compgen -u -- "$cur")) ;;
        remove) _followup_users ;;
        esac
        ;;
    review:2) [[ $sub == rate ]] && _followup_tasks ;;
    review:3) [[ $sub == rate ]] && _followup_add 满意 基本满意 不满意 ;;
    esac
}

_followup()
{
    local line=${COMP_LINE:0:COMP_POINT} cur prev pre="" cmd="" sub="" i npos=0
    local -a words
    local _followup_prog
    local -a _followup_globals=()
    COMPREPLY=()
    read -ra words <<<"$line"
    [[ $line == *[[:space:]] || ${#words[@]} -eq 0 ]] && words+=("")
    cur=${words[${#words[@]} - 1]}
    prev=""
    ((${#words[@]} > 1)) && prev=${words[${#words[@]} - 2]}
    _followup_prog=${words[0]:-followup}
    _followup_prog=${_followup_prog/#\~/$HOME}

    # The words before the one being completed: global options, the
    # command, its subcommand and the count of positionals.
    for ((i = 1; i < ${#words[@]} - 1; i++)); do
        local w=${words[i]}
        if [[ $w == --team && -z $cmd ]]; then
            _followup_globals+=("$w")
        elif [[ $w == -* ]]; then
            if [[ $w != *=* ]] && _followup_takes_arg "$w" "$cmd" && ((i + 1 < ${#words[@]} - 1)); then
                [[ -z $cmd ]] && _followup_globals+=("$w" "${words[i + 1]}")
                ((i++))
            fi
        elif [[ -z $cmd ]]; then
            cmd=$w
        else
            ((npos++))
            ((npos == 1)) && sub=$w
        fi
    done

    # --opt=value
    if [[ $cur == --*=* ]]; then
        prev=${cur%%=*} cur=${cur#*=}
        _followup_option_arg "$prev" "$cmd"
        return 0
    fi
    if [[ $prev == -?* && $prev != *=* ]] && _followup_takes_arg "$prev" "$cmd"; then
        _followup_option_arg "$prev" "$cmd"
        return 0
    fi

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            _followup_add --db --team --config --as --help --version
        else
            local IFS=$'\n'
            _followup_add $("$_followup_prog" --help 2>/dev/null |
                awk '/^  [a-z]/ && !/^  --/ { print $1 }')
        fi
        return 0
    fi
    if [[ $cur == -* ]]; then
        local IFS=$'\n'
        _followup_add $(_followup_usage "$cmd" | grep -oE -- '--[a-z][a-z-]*|\[-[a-zA-Z]' |
            tr -d '[' | sort -u) --help
        return 0
    fi
    _followup_positional $((npos + 1)) "$cmd" "$sub"

    # bash takes ':' (R2:2.1.3) and '=' as word breaks: give only what
    # follows the last one.
    if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
        local colon=${cur%:*}: k
        for k in "${!COMPREPLY[@]}"; do COMPREPLY[k]=${COMPREPLY[k]#"$colon"}; done
    fi
    return 0
}

complete -F _followup followup
