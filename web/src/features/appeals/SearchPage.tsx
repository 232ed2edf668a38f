// Keyword search over title and content (Chinese: jieba words + substring on the title), with filters.
import { useState } from 'react';
import { App, Button, Form, Input, Radio } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApiError } from '../../ui/useApiError.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useFetch } from '../../ui/useFetch.ts';
import { AppealFilters, filterQuery, type AppealFilterValues } from './AppealFilters.tsx';
import { AppealTable } from './AppealTable.tsx';
import { exportAppeals, listAppeals } from './api.ts';

export default function SearchPage() {
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<'received' | 'due'>('received');
  const [filters, setFilters] = useState<AppealFilterValues>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, loading } = useFetch(
    (signal) => listAppeals({ q: q || undefined, sort, ...filterQuery(filters), page: page.page, pageSize: page.pageSize }, signal),
    [q, sort, filters, page],
  );
  const { message } = App.useApp();
  const onError = useApiError();
  const [exporting, setExporting] = useState(false);
  /** 导出 Excel: what the list shows (keyword, filters, sort), without paging. */
  const exportList = async () => {
    setExporting(true);
    try {
      const r = await exportAppeals({ q: q || undefined, sort, ...filterQuery(filters) });
      if (r.capped) message.warning(`符合条件的诉求超过 ${r.count} 件，仅导出前 ${r.count} 件，请缩小筛选范围后分批导出`);
      else message.success(`已导出 ${r.count} 件`);
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  };
  return (
    <PageCard
      title="诉求检索"
      description="按标题和内容检索（支持中文分词和标题片段），可叠加筛选条件。"
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportList} data-testid="export-xlsx">
          导出 Excel
        </Button>
      }
    >
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item>
          <Input.Search
            allowClear
            enterButton="检索"
            placeholder="关键词，如：许可证延期、储罐"
            style={{ width: 420 }}
            maxLength={100}
            onSearch={(v) => {
              setQ(v.trim());
              setPage((p) => ({ ...p, page: 1 }));
            }}
            data-testid="appeal-search"
          />
        </Form.Item>
        <Form.Item label="排序">
          <Radio.Group
            value={sort}
            onChange={(e) => setSort(e.target.value)}
            optionType="button"
            options={[
              { value: 'received', label: '受理时间' },
              { value: 'due', label: '到期时间' },
            ]}
          />
        </Form.Item>
      </Form>
      <AppealFilters
        onChange={(v) => {
          setFilters(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      <AppealTable
        items={data?.items ?? []}
        total={data?.total ?? 0}
        totalCapped={data?.totalCapped ?? false}
        page={page.page}
        pageSize={page.pageSize}
        loading={loading}
        onPage={(p, s) => setPage({ page: p, pageSize: s })}
      />
    </PageCard>
  );
}
