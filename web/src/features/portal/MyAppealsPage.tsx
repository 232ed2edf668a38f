// 我的诉求 (enterprise portal home, issue 7): the enterprise's own appeals, newest first, one
// full-width card per appeal; the whole card opens it. Appeals awaiting the enterprise's evaluation
// say so.
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Empty, Flex, Pagination, Spin, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import type { List as Page } from '../../../../shared/api/common.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { APPEAL_CATEGORY_LABELS } from '../appeals/labels.ts';
import { PortalStateTag } from './PortalStateTag.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PORTAL_ROUTES, toPath } from '../../routes.ts';
import { myAppeals, type PortalAppeal } from './api.ts';
import { PortalPage } from './PortalPage.tsx';
import { InlineSpin } from '../../ui/InlineSpin.tsx';

const PAGE_SIZE = 10;

function AppealCard({ a }: { a: PortalAppeal }) {
  return (
    <Link
      to={toPath(PORTAL_ROUTES.appeal, { id: a.id })}
      data-testid="portal-appeal-card"
      style={{ display: 'block', background: '#fff', padding: '14px 16px', borderBottom: '1px solid #e6ebef', color: 'inherit' }}
    >
      <Flex align="center" gap={8}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong style={{ display: 'block', fontSize: 15, overflowWrap: 'anywhere' }}>
            {a.title}
          </Typography.Text>
          <Flex wrap gap={6} align="center" style={{ marginTop: 6 }}>
            <PortalStateTag state={a.state} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {APPEAL_CATEGORY_LABELS[a.category]} · {a.number}
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
            提交于 {formatDateTime(a.receivedAt)}
          </Typography.Text>
        </div>
        <RightOutlined style={{ color: '#8c99a5' }} aria-hidden />
      </Flex>
    </Link>
  );
}

export default function MyAppealsPage() {
  const navigate = useNavigate();
  const onError = useApiError();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<PortalAppeal> | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setLoading(true);
      try {
        setData(await myAppeals({ page, pageSize: PAGE_SIZE }, signal));
      } catch (err) {
        onError(err);
      } finally {
        setLoading(false);
      }
    },
    [page, onError],
  );
  useEffect(() => {
    const c = new AbortController();
    void load(c.signal);
    return () => c.abort();
  }, [load]);

  return (
    <div data-testid="portal-home">
      <PortalPage title="我的诉求" description={data?.total ? `共 ${data.total} 件，点击查看办理进度和答复` : '本企业提交的诉求及办理进度'}>
        <Spin spinning={loading && !!data}>
          {!data ? (
            <InlineSpin />
          ) : data.items.length === 0 ? (
            <div style={{ background: '#fff', padding: '32px 16px' }}>
              <Empty description="还没有提交过诉求">
                <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(PORTAL_ROUTES.submit)}>
                  提交诉求
                </Button>
              </Empty>
            </div>
          ) : (
            <div style={{ borderTop: '1px solid #e6ebef' }}>
              {data.items.map((a) => (
                <AppealCard key={a.id} a={a} />
              ))}
            </div>
          )}
        </Spin>
        {data && data.total > PAGE_SIZE ? (
          <Flex justify="center" style={{ padding: 16 }}>
            <Pagination simple current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} />
          </Flex>
        ) : null}
      </PortalPage>
    </div>
  );
}
