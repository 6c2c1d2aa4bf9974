/* The command table: names, handlers and help text (English and Chinese)
 * in one place, so the program's usage and each command's --help cannot
 * drift apart. The usage lines are syntax and stay as they are in both
 * languages; help_zh is the Chinese description (NULL falls back to help). */
#include "cli/cli.h"

#include <string.h>

static const struct {
    const char *name;
    cli_cmd_fn fn;
    const char *usage;
    const char *help;
    const char *help_zh;
} commands[] = {
    {"parse", cmd_parse,
     "parse FILE [--json|--outline] [--encoding auto|utf-8|gb18030] [--format F]",
     "Parse a report and print its tree (codes, titles, statements); nothing is stored.\n"
     "FILE is text, .docx, .odt, .doc/.wps, .pdf, a saved .html page or a task table\n"
     "(.xlsx, .csv), recognised by its content.\n"
     "  --json       the machine-readable tree (DESIGN.md contract)\n"
     "  --outline    the editable outline (README \"The outline\"), for import --outline\n"
     "  --encoding   input encoding of text; auto detects UTF-8 (with or without BOM) and GB18030\n"
     "  --format F   auto (default), text, docx, odt, doc, wps, pdf, html, xlsx or csv",
     "解析报告并打印其结构（编号、标题、语句）；不存储任何内容。\n"
     "FILE 可为文本、.docx、.odt、.doc/.wps、.pdf、保存的 .html 网页或任务分解表（.xlsx、.csv），\n"
     "按内容识别格式。\n"
     "  --json       机器可读的结构树（DESIGN.md 约定）\n"
     "  --outline    可编辑的提纲（README “The outline”），供 import --outline 使用\n"
     "  --encoding   文本的输入编码；auto 自动识别 UTF-8（带或不带 BOM）和 GB18030\n"
     "  --format F   auto（默认）、text、docx、odt、doc、wps、pdf、html、xlsx 或 csv"},
    {"import", cmd_import,
     "import FILE [--outline] [--encoding auto|utf-8|gb18030] [--format F] [--review]\n"
     "       [--dry-run]",
     "Parse a report and store its sections, items and commitments as tasks.\n"
     "Importing the same report again changes nothing; a revised report keeps the\n"
     "status and history of matched tasks and marks vanished ones withdrawn.\n"
     "Responsibility markers (牵头单位/配合单位/完成时限) set lead, support and due;\n"
     "departments the database lacks are added. FILE and --format as for parse.\n"
     "  --review     open the parsed report as an outline in $EDITOR (VISUAL, EDITOR,\n"
     "               vi) first, the departments it would add listed at the top; what\n"
     "               is saved is imported. An empty file cancels; an error cancels\n"
     "               naming its line (the file is kept). Nothing is stored either way\n"
     "  --outline    FILE is an outline (parse --outline, README \"The outline\"):\n"
     "               import --outline FILE\n"
     "  --dry-run    show what would be added, new departments first; store nothing\n"
     "Committee only. Creates the database when there is none.",
     "解析报告，将其中的部分、事项和承诺存为任务（立项）。\n"
     "再次导入同一报告不作任何改动；修订后的报告保留已匹配任务的状态和办理记录，\n"
     "并将不再出现的任务标为已撤销。\n"
     "责任标注（牵头单位/配合单位/完成时限）设定牵头、配合单位和时限；数据库中没有的\n"
     "单位随之新增。FILE 和 --format 同 parse。\n"
     "  --review     先在 $EDITOR（VISUAL、EDITOR、vi）中以提纲形式打开解析结果，将新增的\n"
     "               单位列在最前；保存的内容即被导入。清空文件即取消；有错误时取消并\n"
     "               指出行号（文件保留）。两种情况均不存储任何内容\n"
     "  --outline    FILE 是提纲（parse --outline，README “The outline”）\n"
     "  --dry-run    只显示将新增的内容（新单位在前），不作保存\n"
     "仅限督办用户。没有数据库时新建。"},
    {"list", cmd_list,
     "list [--report R] [--dept D] [--status S] [--kind K] [--overdue] [--search TEXT]\n"
     "     [--withdrawn] [--feedback-overdue] [--format table|csv|json|xlsx] [-o FILE]",
     "Tasks, one a line, in report order.\n"
     "  --report R   R1, 1 or a 文号    --dept D   lead or supporting department\n"
     "  --status S   todo active ongoing delayed submitted done (or 未启动 …)\n"
     "  --kind K     section, item or statement\n"
     "  --overdue    due date passed and not done\n"
     "  --search T   text, code or department contains T\n"
     "  --withdrawn  include tasks a revised report withdrew\n"
     "  --feedback-overdue  tasks whose feedback cycle's deadline passed without a note\n"
     "  --format F   table (default), csv (RFC 4180), json, or xlsx (the 台账: a\n"
     "               workbook with the latest progress note; needs -o or a redirect);\n"
     "               csv and json carry the light (red overdue, yellow delayed or\n"
     "               feedback overdue, blue due within warn_days)\n"
     "  -o FILE      write FILE atomically instead of printing\n"
     "\"Today\" is $FOLLOWUP_TODAY (YYYY-MM-DD) when set, else the local date.",
     "任务，每行一条，按报告顺序。\n"
     "  --report R   R1、1 或文号        --dept D   牵头或协办单位\n"
     "  --status S   todo active ongoing delayed submitted done（或 未启动 …）\n"
     "  --kind K     section（部分）、item（事项）或 statement（语句）\n"
     "  --overdue    已过期限且未办结\n"
     "  --search T   内容、编号或单位包含 T\n"
     "  --withdrawn  包括修订报告撤销的任务\n"
     "  --feedback-overdue  周期反馈期限已过而未反馈的任务（未按期反馈）\n"
     "  --format F   table（默认）、csv（RFC 4180）、json 或 xlsx（督办台账工作簿，\n"
     "               含最新进展；须用 -o 或重定向）；csv 和 json 含 light（red 红灯：逾期，\n"
     "               yellow 黄灯：滞后或未按期反馈，blue 蓝灯：warn_days 天内到期）\n"
     "  -o FILE      原子地写入 FILE，不打印\n"
     "设置 $FOLLOWUP_TODAY（YYYY-MM-DD）时以之为“今天”，否则为本地日期。"},
    {"reports", cmd_reports, "reports [--format table|json]",
     "The reports in the database, one a line: number (R1, R2 …: what --report takes),\n"
     "date, live tasks, items, overdue tasks (due date passed, not done), tasks\n"
     "submitted for acceptance, 文号 and title. json: report, title, doc_no, date,\n"
     "tasks, items, overdue, submitted. \"Today\" is $FOLLOWUP_TODAY when set.",
     "数据库中的报告，每行一份：编号（R1、R2 …，即 --report 所用）、日期、任务数、事项数、\n"
     "逾期任务数（已过期限且未办结）、待审核任务数、文号和标题。json：report、title、\n"
     "doc_no、date、tasks、items、overdue、submitted。设置 $FOLLOWUP_TODAY 时以之为“今天”。"},
    {"show", cmd_show, "show TASK",
     "One task: text, owner, supporting departments, due date, status, metrics, notes\n"
     "and history. TASK is a code (2.1.3, R2:2.1.3) or a UUID prefix (8+ hex digits).",
     "单个任务：内容、牵头单位、协办单位、办理期限、状态、指标、进展情况和办理记录。\n"
     "TASK 为编号（2.1.3、R2:2.1.3）或 UUID 前缀（至少 8 位十六进制数字）。"},
    {"assign", cmd_assign, "assign TASK DEPT [--support D1,D2] [--due DATE]",
     "Set the lead department of TASK (and its supporting departments, due date).\n"
     "DEPT '-' keeps the lead, '' clears it; --support '' and --due '' clear those. Committee only.\n"
     "DATE as people write it: 2025-06-30, 2025/6/30, 2025年6月30日, 6月30日 (this year),\n"
     "+30d, +2w, +3m (from today), 月底, 下月底, 季度末, 年底. Setting what is already set\n"
     "prints 'unchanged' and records nothing.",
     "设置 TASK 的牵头单位（以及协办单位、办理期限）（交办）。\n"
     "DEPT 为 '-' 时牵头单位不变；--support '' 清除协办单位；--due '' 清除期限。仅限督办用户。\n"
     "DATE 可按习惯书写：2025-06-30、2025/6/30、2025年6月30日、6月30日（今年）、\n"
     "+30d、+2w、+3m（自今天起）、月底、下月底、季度末、年底。设为原值时输出“未改变”，不作记录。"},
    {"status", cmd_status, "status TASK STATUS [--note TEXT]",
     "Change a task's status: todo active ongoing delayed submitted done (or 未启动 推进中\n"
     "持续推进 滞后 待审核 已办结). Departments move their own tasks (lead or\n"
     "supporting); only the lead department submits one for acceptance (申请办结), a\n"
     "supporting one reports its part with a note. Only the committee sets done or\n"
     "takes a task out of submitted.",
     "更改任务状态：todo active ongoing delayed submitted done（或 未启动 推进中\n"
     "持续推进 滞后 待审核 已办结）。承办单位（牵头或配合）更改本单位任务的状态；只有\n"
     "牵头单位可以申请办结，配合单位以进展情况反馈所承担的部分。只有督办用户可以设为\n"
     "已办结，或将任务移出待审核。"},
    {"note", cmd_note, "note TASK TEXT", "Add a progress note to a task.",
     "为任务添加一条进展情况（反馈）。"},
    {"accept", cmd_accept, "accept TASK [--note TEXT]",
     "Committee: accept a submitted task as done (办结).",
     "督办用户：将待审核的任务确认办结（销号）。"},
    {"return", cmd_return, "return TASK --reason TEXT",
     "Committee: send a submitted task back to its department (退回), with the reason.",
     "督办用户：将待审核的任务退回承办单位，并说明理由。"},
    {"history", cmd_history, "history [TASK] [--since DATE] [--user U]",
     "The audit trail, oldest first: who (and as whom), when, what changed, old and new.",
     "办理记录，按时间先后：谁（以谁的身份）、何时、改了什么、原值和新值。"},
    {"report-meta", cmd_report_meta,
     "report-meta R [--title T] [--doc-no N] [--issuer I] [--published DATE]\n"
     "     [--addressee A] [--signed-by S] [--signed-on DATE] [--lead-dept D]",
     "A report's metadata as stored; with options, corrects it (committee only): one\n"
     "history row a changed field, and a later import of a revised report keeps what\n"
     "was set here. '' clears a field (not the title). R is R1, 1, a 文号 or J2024.",
     "报告的元数据；带选项时更正之（仅限督办用户）：每改一项记一条办理记录，此后导入的\n"
     "修订报告不覆盖此处所改。'' 清除一项（标题除外）。R 为 R1、1、文号或 J2024。"},
    {"edit", cmd_edit, "edit TASK TEXT [--body TEXT]",
     "Correct a task's text (a section's or item's title, a statement's sentence) and an\n"
     "item's body (its sentences). The code and UUID stay; the old text stays in the\n"
     "history. Committee only.",
     "更正任务的内容（部分或事项的标题、语句的原文）以及事项的正文（各句）。编号和 UUID\n"
     "不变；原内容留在办理记录中。仅限督办用户。"},
    {"withdraw", cmd_withdraw, "withdraw TASK --reason TEXT",
     "Withdraw a task the report does not hold (a masthead taken for an item, a\n"
     "duplicate): it and its sub-tasks leave lists, reports, counts and reminders, keep\n"
     "notes, attachments, ratings and history, and 'show CODE' still finds them.\n"
     "Nothing is deleted; restore brings it back. Committee only.",
     "撤销报告中本不存在的任务（误作事项的报头、重复项）：该任务及其下级任务不再出现在\n"
     "列表、报告、统计和提醒中，保留进展、附件、测评和办理记录，'show 编号' 仍能找到。\n"
     "不删除任何内容；restore 可恢复。仅限督办用户。"},
    {"restore", cmd_restore, "restore TASK [--note TEXT]",
     "Bring a withdrawn task back, with the sub-tasks withdrawn with it. Committee only.",
     "恢复已撤销的任务，连同随之撤销的下级任务。仅限督办用户。"},
    {"strike", cmd_strike, "strike TASK [N] [--reason TEXT]",
     "Strike out progress note N of a task (1 the oldest, as 'show' numbers them; without\n"
     "N the latest not struck out), saved by mistake: it stays, shown struck out, and no\n"
     "longer counts as the latest progress or as feedback. Its author or the committee.",
     "划去误存的第 N 条进展（1 为最早，编号同 'show'；不给 N 时为最近一条未划去的）：\n"
     "进展仍保留并显示为已划去，不再算作最新进展或按期反馈。限其作者或督办用户。"},
    {"add", cmd_add,
     "add TEXT [--under TASK | --report R] [--before TASK | --after TASK]\n"
     "     [--kind section|item|statement] [--lead D] [--support D1,D2] [--due DATE]\n"
     "     [--source TEXT] [--year YYYY]",
     "Add a task by hand (committee only). --under TASK: under a section (an item) or\n"
     "an item (a statement), last or --before/--after a sibling; --report R: at its top.\n"
     "Without either, into the register of the year (--year, default this year): a\n"
     "report of its own, '交办事项 2024', for work from no report (会议交办, 领导批示件,\n"
     "代表建议), whose tasks are J2024:1, J2024:2 … and which every list, filter, report,\n"
     "reminder and export treats like any other. The code is the parent's and the next\n"
     "number never used under it. --lead defaults to the parent's; --source says where\n"
     "the task came from ('区长办公会 2024-03-05').",
     "手工新增任务（仅限督办用户）。--under TASK：加在部分之下（事项）或事项之下（语句），\n"
     "排在最后或用 --before/--after 指定位置；--report R：加在报告顶层。两者都不给时，\n"
     "加入当年（--year，默认今年）的交办事项台账：一个单独的报告“交办事项 2024”，收录\n"
     "不来自报告的工作（会议交办事项、领导批示件、代表建议），任务编号为 J2024:1、\n"
     "J2024:2……，列表、筛选、报告、提醒和导出均与其他报告一样处理。编号为上级编号加其下\n"
     "从未用过的下一个号。--lead 默认同上级；--source 说明任务来源（“区长办公会 2024-03-05”）。"},
    {"move", cmd_move,
     "move TASK --under TASK | --top | --before TASK | --after TASK | --up | --down\n"
     "     | --indent | --outdent",
     "Move a task (with its sub-tasks) within its report: under another section or item\n"
     "(last), to the top level, before or after a sibling, past the previous or next\n"
     "sibling, under the sibling before it, or out of its parent. It keeps its code and\n"
     "UUID, so printed codes still find it; an item holds only statements. Committee only.",
     "在报告内移动任务（连同下级任务）：移至另一部分或事项之下（排最后）、顶层、某同级任务\n"
     "之前或之后、上移或下移一位、移入上一项之下、移出上级。编号和 UUID 不变，已印发的\n"
     "编号仍指向它；事项之下只能是语句。仅限督办用户。"},
    {"merge", cmd_merge, "merge TASK --into TASK",
     "Merge two tasks of a kind into one: the first's notes, attachments, instructions\n"
     "and sub-tasks go to the second, and the first is withdrawn with a pointer to it\n"
     "('show' names it); both histories stay. Committee only.",
     "将同类的两项任务合并为一项：前者的进展、附件、批示和下级任务转入后者，前者撤销并\n"
     "指向后者（'show' 显示）；两者的办理记录均保留。仅限督办用户。"},
    {"split", cmd_split, "split TASK",
     "Split a statement out of its item as an item of its own, just after the item: it\n"
     "keeps its code, UUID, status, owners and notes; its sentence leaves the item's\n"
     "body. Committee only.",
     "将语句从所属事项中拆出，成为紧随该事项之后的单独事项：编号、UUID、状态、承办单位\n"
     "和进展不变；该句从原事项正文中移除。仅限督办用户。"},
    {"review", cmd_review,
     "review start NAME [--date YYYY-MM-DD] [--report R1,R2] | review list | review show [N]\n"
     "     | review rate TASK LEVEL [--remark TEXT]",
     "Review rounds (跟踪审议) and the committee's evaluation of items.\n"
     "  start NAME   record a round: a snapshot of every task's status, lead department\n"
     "               and due date (--date: the meeting's date, default today) of the\n"
     "               reports under review (--report R1,R2; default every report).\n"
     "               Committee.\n"
     "  list         the rounds: number, date, tasks recorded, items rated, reports\n"
     "  show [N]     round N (default the latest): its summary, items and ratings\n"
     "  rate TASK LEVEL   rate an item in the latest round of its report: 满意 基本满意 不满意\n"
     "               (satisfied, basically, unsatisfied), with --remark TEXT; rating it\n"
     "               again replaces the rating; 不满意 reopens a done or submitted item\n"
     "               (back to active). Committee.",
     "审议轮次（跟踪审议）与督办方对事项的测评。\n"
     "  start NAME   开始一轮审议：记录所审议报告（--report R1,R2；默认全部报告）每项任务\n"
     "               此刻的状态、牵头单位和完成时限（--date：会议日期，默认今天）。\n"
     "               仅限督办用户。\n"
     "  list         各轮审议：轮次、日期、记录的任务数、已测评事项数、报告\n"
     "  show [N]     第 N 轮（默认最近一轮）：汇总、事项及测评\n"
     "  rate TASK LEVEL   在事项所属报告最近一轮审议中测评：满意、基本满意、不满意\n"
     "               （satisfied、basically、unsatisfied），--remark 附意见；再次测评即替换；\n"
     "               不满意的已办结或待审核事项重新打开（回到推进中）。仅限督办用户。"},
    {"remind", cmd_remind, "remind [--all]",
     "What is overdue or due within warn_days ([ui] in config.ini) for your departments'\n"
     "tasks (lead or supporting), in a few lines; prints nothing when nothing is due, so\n"
     "it can sit in a login profile. Tasks submitted for acceptance are left out.\n"
     "Also the tasks whose feedback is overdue (未按期反馈), leaders' instructions not yet\n"
     "answered by a progress note, and extension requests waiting for the committee.\n"
     "Then, for your departments, the tasks the committee returned (with its reason) not\n"
     "yet answered by a note, and its decisions on your extension requests in the last\n"
     "warn_days days; for a committee user, the tasks submitted for acceptance and the\n"
     "extension requests to decide.\n"
     "  --all   every department's (committee only; includes submitted tasks)",
     "本人所在单位（牵头或配合）已逾期或在 warn_days（config.ini 的 [ui]）天内到期的任务，\n"
     "寥寥数行；无事可提醒时不输出任何内容，可放在登录脚本中。已申请办结的任务不列出。\n"
     "另列未按期反馈的任务、其后尚无进展的领导批示，以及待督办审批的延期申请。\n"
     "其后，本单位被退回（附理由）而尚未反馈的任务，以及 warn_days 天内督办对本单位延期\n"
     "申请的答复；督办用户则看到待审核（申请办结）的任务和待审批的延期申请。\n"
     "  --all   所有单位（仅限督办用户；含待审核任务）"},
    {"report", cmd_report,
     "report [--format text|md|csv|html|json|xlsx|docx] [--by dept|section]\n"
     "     [--since-review [N]] [--excel] [-o FILE] [--report R]",
     "Status report for a review meeting: a header (report, 文号, date, round compared\n"
     "with, audit-trail position), the items by status, by department (lead and\n"
     "supporting, per status, completion rate, overdue) or by section (status, owner,\n"
     "due date, latest progress), the overdue and due-soon items, and the ratings.\n"
     "By department it ranks the departments (考评: on-time completion, feedback\n"
     "punctuality, satisfaction; the formula is stated) and counts their lights and\n"
     "approved extensions; by section each item shows its leader's instruction first,\n"
     "its light, feedback state and extensions. Either way, when tasks have feedback\n"
     "cycles, a section names the departments that did not report in the period.\n"
     "  --format F        text (default), md, csv (RFC 4180), html (one printable file\n"
     "                    with bar charts), json, xlsx (a sheet per part), docx (the\n"
     "                    督办通报 as an A4 document); xlsx and docx need -o or a redirect\n"
     "  --by G            dept (default) or section\n"
     "  --since-review [N] also what changed since the latest round (or round N):\n"
     "                    status, lead and due changes, new and withdrawn tasks, notes\n"
     "  --excel           CSV with a UTF-8 BOM, for Excel\n"
     "  -o FILE           write FILE atomically instead of printing\n"
     "  --report R        only report R (R1, 1 or a 文号)\n"
     "Language follows [ui] language / the locale. \"Today\" is $FOLLOWUP_TODAY\n"
     "(YYYY-MM-DD) when set, else the local date.",
     "供审议会议使用的督办情况报告：报告头（报告、文号、日期、对照轮次、审计链位置）、\n"
     "事项状态汇总、分单位（牵头与配合、各状态、办结率、逾期）或分章节（状态、牵头单位、\n"
     "完成时限、最新进展）情况、逾期及临期事项，以及测评情况。\n"
     "分单位时对各单位考评排名（按期办结率、按期反馈率、满意度，并说明计算公式），统计\n"
     "各单位红黄蓝灯和批准延期次数；分章节时各事项先列领导批示，并列督办灯、反馈和延期\n"
     "情况。设有周期反馈时，另有一节列出未按期反馈的单位。\n"
     "  --format F        text（默认）、md、csv（RFC 4180）、html（可打印的单一文件，\n"
     "                    含条形图）、json、xlsx（每部分一个工作表）、docx（A4 督办通报）；\n"
     "                    xlsx 和 docx 须用 -o 或重定向\n"
     "  --by G            dept（默认，分单位）或 section（分章节）\n"
     "  --since-review [N] 另列自最近一轮（或第 N 轮）审议以来的变化：状态、牵头单位和\n"
     "                    时限调整，新增和撤销的任务，新增进展\n"
     "  --excel           CSV 带 UTF-8 BOM，便于 Excel 打开\n"
     "  -o FILE           原子地写入 FILE，不打印\n"
     "  --report R        只含报告 R（R1、1 或文号）\n"
     "语言依 [ui] language 或区域设置。设置 $FOLLOWUP_TODAY（YYYY-MM-DD）时以之为“今天”，\n"
     "否则为本地日期。"},
    {"extend", cmd_extend,
     "extend TASK --to YYYY-MM-DD --reason TEXT | extend approve TASK [--reason TEXT]\n"
     "     | extend deny TASK --reason TEXT | extend list",
     "Extension requests (延期申请). A department user (on a task of their departments) or\n"
     "the committee asks for a later due date, with the reason; a task has at most one\n"
     "pending request. The committee approves it (the due date moves to the date asked)\n"
     "or denies it (--reason required); other users get exit status 3. list: every\n"
     "pending request. 'followup show TASK' lists a task's requests and their outcome.",
     "延期申请。承办单位（限本单位任务）或督办用户申请推迟完成时限并说明理由；每项任务\n"
     "同时至多一条待审批申请。督办用户批准（完成时限改为申请的日期）或不批准（须附\n"
     "--reason）；其他用户退出状态为 3。list：所有待审批的申请。'followup show TASK'\n"
     "列出任务的申请及结果。"},
    {"attach", cmd_attach, "attach TASK FILE [--note TEXT]",
     "Store an evidence file (佐证材料) with a task: its name, size, SHA-256, who and when,\n"
     "and its bytes, in the database; the SHA-256 enters the audit trail. A department\n"
     "user on their own tasks, or the committee. Files over [attachments] max_mb\n"
     "(config.ini, default 20) are refused and nothing is stored.",
     "为任务添加佐证材料：文件名、大小、SHA-256、提交人和时间以及文件内容，存入数据库；\n"
     "SHA-256 记入办理记录。承办单位限本单位任务，督办用户不限。超过 [attachments]\n"
     "max_mb（config.ini，默认 20）的文件被拒绝，不存储任何内容。"},
    {"attachments", cmd_attachments,
     "attachments TASK [--format table|json] | attachments --usage [--format table|json]",
     "A task's evidence files: id, name, size, SHA-256, who, when, note (json: id, name,\n"
     "size, sha256, by, at, note). --usage: the limits in force and, for each lead\n"
     "department, its files, the megabytes they take and its quota (json: limits,\n"
     "departments with dept, files, bytes, quota, own_quota).",
     "任务的佐证材料：编号、文件名、大小、SHA-256、提交人、时间、说明（json：id、name、\n"
     "size、sha256、by、at、note）。--usage：现行限额，以及每个牵头部门的文件数、已用\n"
     "兆字节和配额（json：limits，departments 含 dept、files、bytes、quota、own_quota）。"},
    {"attachment", cmd_attachment, "attachment get ID [-o FILE]",
     "Write evidence file ID back, byte for byte (checked against its SHA-256): to FILE\n"
     "(never overwritten), or to standard output when that is not a terminal.",
     "取回编号为 ID 的佐证材料，逐字节一致（按 SHA-256 校验）：写入 FILE（不覆盖已有\n"
     "文件），或在标准输出不是终端时写到标准输出。"},
    {"cycle", cmd_cycle,
     "cycle TASK weekly|monthly|quarterly|none [--day N] [--from YYYY-MM-DD]",
     "Feedback cycle (周期反馈), committee only: the task's departments add a progress\n"
     "note in every period, by day N: weekly, weekday N (1 Monday … 7 Sunday, default\n"
     "5); monthly, the Nth of each month (default 25; a shorter month's deadline is its\n"
     "last day); quarterly, the Nth of March, June, September and December (default\n"
     "25). The first period runs from --from (default today) to the first deadline\n"
     "after it, each further one from the day after the previous deadline. A task whose\n"
     "last deadline passed without a note since its period began is feedback overdue\n"
     "(list --feedback-overdue, remind, yellow light). none removes the cycle.",
     "周期反馈，仅限督办用户：承办单位须在每个周期内添加进展情况，期限为第 N 日：\n"
     "weekly（每周）为星期 N（1 星期一 … 7 星期日，默认 5）；monthly（每月）为每月 N 日\n"
     "（默认 25；当月不足 N 日的以月末为期限）；quarterly（每季度）为 3、6、9、12 月的\n"
     "N 日（默认 25）。首个周期自 --from（默认今天）起至其后第一个期限，此后每个周期\n"
     "自上一期限的次日起。最近一个期限已过而本周期开始以来没有进展的任务为“未按期反馈”\n"
     "（list --feedback-overdue、remind、黄灯）。none 取消周期。"},
    {"target", cmd_target, "target TASK VALUE [UNIT] [--at-least|--at-most|--about] | TASK none",
     "The figure a task commits to, committee only: 30 家 (--at-least, the default),\n"
     "3 % --at-most, 1 万名 --about; none removes it. import sets it from the first\n"
     "figure of a commitment that binds (新增30家, 控制在3%以内, 1万名左右).",
     "任务承诺的指标值，仅限督办用户：30 家（--at-least 不少于，默认）、3 % --at-most\n"
     "（不超过）、1 万名 --about（左右）；none 取消。导入时取承诺句中第一个有方向的数字\n"
     "（新增30家、控制在3%以内、1万名左右）。"},
    {"progress", cmd_progress, "progress TASK VALUE [UNIT] [--note TEXT]",
     "Report a value against the task's target: the task's departments and the\n"
     "committee. In the target's unit, or one of its kind (1.2 万名 for a target in 名,\n"
     "5000 万元 for one in 亿元), converted; show, list and reports give the latest.",
     "报送任务指标的完成值：承办单位和督办用户。单位同目标，或同类单位（目标为名时\n"
     "可写 1.2 万名，目标为亿元时可写 5000 万元），自动换算；show、list 和报告显示最新值。"},
    {"instruct", cmd_instruct, "instruct TASK TEXT",
     "A leader's instruction (领导批示) on a task: committee and viewer users. Shown apart\n"
     "from progress notes, first in the detail view and in the by-section report; the\n"
     "task's departments see it in remind until they add a note after it.",
     "领导批示：督办用户和只读用户（领导）可添加。与进展情况分开显示，在详情和分章节\n"
     "报告中列在最前；承办单位在 remind 中看到它，直到其后添加了进展。"},
    {"user", cmd_user,
     "user add NAME --role committee|department|viewer [--dept D[,D…]] | user remove NAME | user list",
     "Who may do what. Committee only, except list. Unknown Unix users are viewers.",
     "谁可以做什么。除 list 外仅限督办用户。数据库中没有的 Unix 用户为只读用户。"},
    {"dept", cmd_dept,
     "dept add NAME | dept list [--all] | dept rename OLD NEW | dept merge FROM INTO\n"
     "     | dept retire NAME | dept restore NAME | dept quota NAME MB|default",
     "Departments. list: those in use (--all: retired and merged ones too). The rest is\n"
     "committee only. rename: a new name; merge: FROM's tasks (lead and supporting),\n"
     "users and history follow INTO, e.g. a fragment '市金' cut out of a PDF line into\n"
     "'市金融办'. Either way the old name stays as merged, so an import that meets it\n"
     "again uses the new one; every task and user that follows gets a history row.\n"
     "retire: no longer offered or assignable (its tasks keep it); restore undoes it.\n"
     "quota: the megabytes of evidence files the tasks it leads may hold (default:\n"
     "[attachments] dept_mb of the system config); `attachments --usage` shows them.",
     "承办单位。list：在用的单位（--all 含已停用和已合并的）。其余仅限督办用户。\n"
     "rename：改名；merge：FROM 的任务（牵头和配合）、用户和办理记录转归 INTO，例如把\n"
     "PDF 断行切出的“市金”并入“市金融办”。两者都保留旧名为已合并，此后导入遇到旧名时\n"
     "使用新名；每项随之改变的任务和用户各记一条办理记录。\n"
     "retire：停用，不再可选、不可交办（其任务保留）；restore 恢复。\n"
     "quota：其牵头任务的佐证材料至多可占的兆字节（默认为系统配置的 [attachments]\n"
     "dept_mb）；`attachments --usage` 显示用量。"},
    {"who", cmd_who, "who [--all]",
     "The other followup processes writing to the database: PID, login, state\n"
     "(writing, waiting for the lock; stopped when it is), for how long, and the\n"
     "command. --all: also those that wrote and are open between writes.",
     "正在写入数据库的其他 followup 进程：进程号、用户、状态（写入中、等待锁；\n"
     "已暂停时注明）、持续时间和命令。--all：也列出写入过、现在空闲的进程。"},
    {"verify", cmd_verify, "verify [--head HEX] [--full]",
     "Check the file (PRAGMA quick_check; --full: integrity_check), walk the audit\n"
     "trail's hash chain, and replay the history against the tables: each difference\n"
     "is one line (task, user or department; field; the history's value; the value\n"
     "found), exit 1. --head HEX (16+ hex digits, as a report prints it): is that\n"
     "head still in the chain, at which row; exit 1 when not (history cut or rewritten).",
     "检查文件（PRAGMA quick_check；--full 为 integrity_check），逐条核验办理记录的哈希链，\n"
     "并按办理记录重演、与各表比对：每处不符一行（任务、用户或单位；字段；记录所给的值；\n"
     "实际的值），退出码 1。--head HEX（报告上印的至少 16 位十六进制）：该链头是否仍在链中、\n"
     "在第几条；不在则退出码 1（记录被截断或改写）。"},
    {"team", cmd_team, "team init --committee LOGIN",
     "root, on an installed (setgid) followup: create the team database in the team\n"
     "directory, root:followup mode 0660, with LOGIN as its first committee user and\n"
     "the departments of the system config. Changes nothing when it exists.",
     "root，在已安装（setgid）的 followup 上：在团队目录中建立团队数据库（root:followup，\n"
     "权限 0660），LOGIN 为第一位委员会用户，单位取自系统配置。已存在时不作任何改动。"},
    {"backup", cmd_backup, "backup FILE",
     "Online copy of the database to FILE, safe while others are writing.",
     "将数据库在线复制到 FILE，他人正在写入时也安全。"},
    {"paths", cmd_paths, "paths",
     "Which files followup uses and why: the config file, the database, the message\n"
     "catalogue and the sample report. Opens nothing.",
     "followup 使用哪些文件及其原因：配置文件、数据库、消息目录和示例报告。\n"
     "不打开任何文件。"},
};

#define NCOMMANDS (sizeof commands / sizeof *commands)

static int help_zh;

void cli_help_language(int zh)
{
    help_zh = zh;
}

cli_cmd_fn cli_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, name))
            return commands[i].fn;
    return NULL;
}

const char *cli_usage_of(const char *cmd)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, cmd))
            return commands[i].usage;
    return NULL;
}

int cli_help(const char *cmd)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, cmd)) {
            const char *help = help_zh && commands[i].help_zh ? commands[i].help_zh
                                                              : commands[i].help;
            printf("%sfollowup [--db PATH | --team] [--config PATH] [--as USER] %s\n\n%s\n",
                   help_zh ? "用法：" : "usage: ", commands[i].usage, help);
            return 0;
        }
    return 2;
}

void cli_usage(FILE *out)
{
    fputs(help_zh ? "用法：followup [--db PATH | --team] [--config PATH] [--as USER] [COMMAND [ARGS]]\n"
                    "       followup --help | --version\n\n"
                    "不带命令时打开交互界面。命令：\n"
                  : "usage: followup [--db PATH | --team] [--config PATH] [--as USER] [COMMAND [ARGS]]\n"
                    "       followup --help | --version\n\n"
                    "With no command, opens the interface. Commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        /* every line: a command's later lines name more of its forms */
        for (const char *u = commands[i].usage; *u;) {
            int len = (int)strcspn(u, "\n");
            fprintf(out, "  %.*s\n", len, u);
            u += len + (u[len] == '\n');
        }
    }
    fputs(help_zh
              ? "\n选项：\n"
                "  --db PATH      数据库（否则依次为 $FOLLOWUP_DB、配置中的 [database] path、\n"
                "                 安装的 setgid 程序的团队数据库、$XDG_DATA_HOME/followup/followup.db）\n"
                "  --team         团队数据库，即使本程序不是安装的那个（root 在源码目录中）\n"
                "  --config PATH  配置文件（否则依次为 $FOLLOWUP_CONFIG、\n"
                "                 ~/.config/followup/config.ini、/etc/followup/config.ini）\n"
                "  --as USER      督办用户代他人操作；办理记录同时记下两人\n"
                "  --version      版本，以及正在使用的文件（同 'followup paths'）\n"
                "\n'followup 命令 --help' 说明单个命令；'man followup' 列出界面按键、文件和示例。\n"
                "退出状态：0 成功，1 出错，2 用法错误，3 无权限，4 未找到。\n"
              : "\nOptions:\n"
                "  --db PATH      the database (else $FOLLOWUP_DB, [database] path in the config,\n"
                "                 the team database of the installed setgid program,\n"
                "                 $XDG_DATA_HOME/followup/followup.db)\n"
                "  --team         the team database, also from a program that is not the\n"
                "                 installed one (root, in a checkout)\n"
                "  --config PATH  the config file (else $FOLLOWUP_CONFIG,\n"
                "                 ~/.config/followup/config.ini, /etc/followup/config.ini)\n"
                "  --as USER      committee: act for another user; the history records both\n"
                "  --version      the version and the files in use (as 'followup paths')\n"
                "\n'followup COMMAND --help' describes one command; 'man followup' lists the\n"
                "interface's keys, the files and examples. Exit status: 0 success,\n"
                "1 error, 2 usage error, 3 permission denied, 4 not found.\n",
          out);
}
