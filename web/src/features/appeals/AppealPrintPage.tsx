// 政企通诉求办理单 (issue 17): one appeal as an A4 form to print — enterprise, contact, content, the
// units, each 2115 milestone with its deadline and when it was met, opinion, result, reply,
// evaluation and a summary of the timeline. Read from the appeal page's API (GET /appeals/:id, the
// caller's scope and the confidential masking applied by the server); a mobile number is printed
// masked as every export does (shared/enterprises.ts maskMobile). `@media print` (PRINT_CSS) leaves
// only the sheet on paper, on A4.
import { useNavigate, useParams } from 'react-router';
import { Button, Result, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMe } from '../../auth/session.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDateTime, formatDeadline } from '../../ui/format.ts';
import { maskMobile } from '../../../../shared/enterprises.ts';
import { MILESTONES } from '../../../../shared/appeals.ts';
import {
  APPEAL_CATEGORY_LABELS,
  APPEAL_CHANNEL_LABELS,
  APPEAL_STATE_LABELS,
  CLOSE_REASON_LABELS,
  EVALUATION_RATING_LABELS,
  EVENT_LABELS,
  MILESTONE_LABELS,
  MILESTONE_STATE_LABELS,
  RESULT_KIND_LABELS,
} from './labels.ts';
import { getAppeal, type AppealDetail } from './api.ts';
import { eventDetail } from './eventDetail.ts';

/** A mobile number masked on paper (138****8000); a landline or （保密） as it is. */
const printedPhone = (p: string) => (/^1\d{10}$/.test(p) ? (maskMobile(p) ?? p) : p);

/** The sheet on screen (a page of paper) and in print (the sheet alone: no menu, header or toolbar). */
const PRINT_CSS = `
.print-sheet { width: 186mm; max-width: 100%; margin: 0 auto; padding: 12mm 10mm; background: #fff; color: #000;
  font-size: 13px; line-height: 1.6; box-shadow: 0 1px 6px rgba(0,0,0,.12); }
.print-sheet h1 { text-align: center; font-size: 22px; letter-spacing: 4px; margin: 0 0 12px; font-weight: 600; }
.print-sheet h2 { font-size: 15px; margin: 14px 0 6px; font-weight: 600; }
.print-meta { display: flex; justify-content: space-between; margin-bottom: 6px; }
.print-table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.print-table th, .print-table td { border: 1px solid #333; padding: 4px 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
.print-table th { background: #f3f3f3; font-weight: 600; white-space: nowrap; }
.print-text { white-space: pre-wrap; }
.print-timeline td { font-size: 12px; }
.print-footer { display: flex; justify-content: space-between; margin-top: 12px; font-size: 12px; color: #333; }
.print-toolbar { display: flex; justify-content: center; margin-bottom: 16px; }
@media print {
  @page { size: A4; margin: 12mm; }
  body * { visibility: hidden !important; }
  .print-sheet, .print-sheet * { visibility: visible !important; }
  .print-sheet { position: absolute; left: 0; top: 0; width: 100%; margin: 0; padding: 0; box-shadow: none; }
  .print-table tr { break-inside: avoid; }
  .print-table th { background: #f3f3f3 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

const orDash = (v: string | null | undefined) => (v?.trim() ? v : '—');

function Sheet({ a, printedBy }: { a: AppealDetail; printedBy: string }) {
  const fileNames = new Map(a.attachments.map((f) => [f.id, f.name]));
  return (
    <article className="print-sheet" data-testid="print-sheet">
      <h1>政企通诉求办理单</h1>
      <div className="print-meta">
        <span>编号：{a.number}</span>
        <span>状态：{APPEAL_STATE_LABELS[a.state]}</span>
      </div>
      <table className="print-table">
        <colgroup>
          <col style={{ width: '16%' }} />
          <col style={{ width: '34%' }} />
          <col style={{ width: '16%' }} />
          <col style={{ width: '34%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>企业名称</th>
            <td colSpan={3}>
              {a.enterpriseName}
              {a.enterpriseUscc ? `（${a.enterpriseUscc}）` : ''}
            </td>
          </tr>
          <tr>
            <th>联系人</th>
            <td>{a.contactName}</td>
            <th>联系电话</th>
            <td>{printedPhone(a.contactPhone)}</td>
          </tr>
          <tr>
            <th>渠道</th>
            <td>{APPEAL_CHANNEL_LABELS[a.channel]}</td>
            <th>类别</th>
            <td>{APPEAL_CATEGORY_LABELS[a.category]}</td>
          </tr>
          <tr>
            <th>受理时间</th>
            <td>{formatDateTime(a.receivedAt)}</td>
            <th>派单时间</th>
            <td>{formatDateTime(a.dispatchedAt)}</td>
          </tr>
          <tr>
            <th>诉求标题</th>
            <td colSpan={3}>{a.title}</td>
          </tr>
          <tr>
            <th>诉求内容</th>
            <td colSpan={3} className="print-text">
              {a.content}
            </td>
          </tr>
          <tr>
            <th>主办处室</th>
            <td>{orDash(a.leadUnitName)}</td>
            <th>协办处室</th>
            <td>{a.coUnits.length ? a.coUnits.map((c) => c.unitName).join('、') : '—'}</td>
          </tr>
        </tbody>
      </table>

      <h2>“2115”办理时限</h2>
      <table className="print-table">
        <thead>
          <tr>
            <th style={{ width: '32%' }}>节点</th>
            <th style={{ width: '26%' }}>时限</th>
            <th style={{ width: '24%' }}>完成时间</th>
            <th style={{ width: '18%' }}>情况</th>
          </tr>
        </thead>
        <tbody>
          {MILESTONES.map((m) => (
            <tr key={m}>
              <td>{MILESTONE_LABELS[m]}</td>
              <td>{a.deadlineError ? '时限待计算' : formatDeadline(a.milestones[m].dueAt)}</td>
              <td>{formatDateTime(a.milestones[m].doneAt)}</td>
              <td>{MILESTONE_STATE_LABELS[a.milestones[m].state]}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>办理情况</h2>
      <table className="print-table">
        <colgroup>
          <col style={{ width: '16%' }} />
          <col style={{ width: '84%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>初步意见</th>
            <td className="print-text">{orDash(a.opinionText)}</td>
          </tr>
          {a.coUnits
            .filter((c) => c.submittedText)
            .map((c) => (
              <tr key={c.unitId}>
                <th>协办意见</th>
                <td className="print-text">
                  {c.unitName}：{c.submittedText}
                </td>
              </tr>
            ))}
          <tr>
            <th>办理结果</th>
            <td className="print-text">{a.resultKind ? `${RESULT_KIND_LABELS[a.resultKind]}：${orDash(a.resultText)}` : '—'}</td>
          </tr>
          <tr>
            <th>答复企业</th>
            <td className="print-text">
              {orDash(a.replyText)}
              {a.repliedAt ? `（${formatDateTime(a.repliedAt)}）` : ''}
            </td>
          </tr>
          <tr>
            <th>企业评价</th>
            <td>
              {a.evaluation
                ? `${EVALUATION_RATING_LABELS[a.evaluation]}${a.evaluationComment ? `：${a.evaluationComment}` : ''}（${formatDateTime(a.evaluatedAt)}）`
                : '—'}
            </td>
          </tr>
          <tr>
            <th>办结</th>
            <td>
              {a.closedAt
                ? `${formatDateTime(a.closedAt)}${a.closeReason ? `，${CLOSE_REASON_LABELS[a.closeReason as keyof typeof CLOSE_REASON_LABELS] ?? ''}` : ''}`
                : '未办结'}
            </td>
          </tr>
        </tbody>
      </table>

      <h2>办理过程</h2>
      <table className="print-table print-timeline">
        <thead>
          <tr>
            <th style={{ width: '20%' }}>时间</th>
            <th style={{ width: '16%' }}>事项</th>
            <th style={{ width: '20%' }}>办理人</th>
            <th style={{ width: '44%' }}>内容</th>
          </tr>
        </thead>
        <tbody>
          {a.events.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at)}</td>
              <td>{EVENT_LABELS[e.type] ?? '其他'}</td>
              <td>
                {e.actorName}
                {e.unitName ? `（${e.unitName}）` : ''}
              </td>
              <td className="print-text">{eventDetail(e, fileNames) || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer className="print-footer">
        <span>打印人：{printedBy}</span>
        <span>打印时间：{formatDateTime(new Date().toISOString())}</span>
      </footer>
    </article>
  );
}

export default function AppealPrintPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { data, loading } = useFetch((signal) => getAppeal(id, signal), [id]);
  if (loading && !data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (!data) return <Result status="404" title="诉求不存在或无权查看" extra={<Button onClick={() => navigate('/appeals')}>返回工作台</Button>} />;
  return (
    <div className="print-page">
      <style>{PRINT_CSS}</style>
      <Space className="print-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(toPath(STAFF_ROUTES.appeal, { id }))}>
          返回诉求
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="do-print">
          打印
        </Button>
      </Space>
      <Sheet a={data} printedBy={me.displayName} />
    </div>
  );
}
