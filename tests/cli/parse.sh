#!/bin/sh
# followup parse: the seed's tree through the real binary, and bad input.
. "$(dirname "$0")/../lib.sh"

fu parse "$SEED" --json
expect_rc 0 "parse --json of the seed"
python3 - "$T/out" "$SEED" <<'PY' || fail "parse --json content"
import json, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
m = d["meta"]
want = {"issuer": "区审计局", "published": "2024-02-27", "doc_no": "静府议〔2024〕3号",
        "addressee": "区人大常委会", "signed_by": "上海市静安区人民政府",
        "signed_on": "2024-02-18", "lead_department": "区科委"}
for k, v in want.items():
    assert m[k] == v, (k, m[k])
assert m["title"].startswith("上海市静安区人民政府《关于检查本区"), m["title"]
secs = d["nodes"]
assert [s["code"] for s in secs] == ["1", "2", "3"], [s["code"] for s in secs]
items = [i for s in secs for i in s["children"]]
assert len(items) == 11, len(items)
assert items[6]["code"] == "2.4" and items[6]["title"] == "深入推进知识产权发展战略"
assert items[6]["owner"] == "区知识产权局", items[6]["owner"]
assert d["closing"][0]["text"].startswith("区政府将始终坚持")
# every body sentence once, in order: the texts rebuild the body
texts = [s["text"] for s in d.get("intro", [])]
for s in secs:
    texts.append(s["title"])
    texts += [x["text"] for x in s["statements"]]
    for i in s["children"]:
        texts.append(i["title"])
        texts += [x["text"] for x in i["statements"]]
texts += [x["text"] for x in d["closing"]]
body = open(sys.argv[2], encoding="utf-8").read().split("\n")[6]
body = body[body.index(":") + 1:]                       # the addressee
body = body[:body.rindex("上海市静安区人民政府2024年2月18日")]   # the signature
body = re.sub(r"[一二三四五六七八九十]+[、是]", "", body)
joined = "".join(texts)
strip = lambda s: re.sub(r"[。;；!！?？:：,，]", "", s)   # a run-in title ends at its comma
assert strip(joined) == strip(body), "texts do not rebuild the body"
PY

fu parse "$SEED"
expect_rc 0 "parse (tree) of the seed"
expect_out "打响静安特色的科创服务品牌,优化科技创新环境" "tree shows section 2"
expect_out "2.4" "tree shows item codes"
[ -e "$DB" ] && fail "parse created a database"

: >"$T/empty.txt"
fu parse "$T/empty.txt"
expect_rc 1 "empty file"; expect_one_line_err "empty file"
fu parse "$T"
expect_rc 1 "directory"; expect_one_line_err "directory"
fu parse "$T/missing.txt"
expect_rc 1 "missing file"; expect_one_line_err "missing file"
head -c 4096 /bin/sh >"$T/binary.txt"
fu parse "$T/binary.txt"
expect_rc 1 "binary file"; expect_one_line_err "binary file"
printf '今天天气很好。我们去公园散步。\n' >"$T/prose.txt"
fu parse "$T/prose.txt"
expect_rc 1 "no structure"; expect_one_line_err "no structure"
fu parse "$SEED" --encoding latin-1
expect_rc 2 "unknown encoding"; expect_one_line_err "unknown encoding"
fu parse
expect_rc 2 "missing argument"
fu parse "$SEED" --bogus
expect_rc 2 "unknown option"
fu parse --help
expect_rc 0 "parse --help"; expect_out "usage:" "parse --help"
finish
