// R2.2 coverage while choosing: counts and shares beside the registry's, warnings when private,
// small/micro or struggling enterprises are missing.
import { Alert, Space, Table } from 'antd';
import type { Coverage } from './api.ts';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const DIMENSIONS: Record<string, string> = { sector: '行业', size: '规模', ownership: '所有制', small_micro: '小微', struggling: '困难' };

export function CoverageTable({ coverage }: { coverage: Coverage }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {coverage.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon message={w} />
      ))}
      <Table
        size="small"
        rowKey={(l) => `${l.dimension}:${l.key}`}
        pagination={false}
        dataSource={coverage.lines.filter((l) => l.chosen > 0 || l.registry > 0)}
        columns={[
          { title: '维度', dataIndex: 'dimension', width: 70, render: (d: string) => DIMENSIONS[d] },
          { title: '类别', dataIndex: 'label', width: 100 },
          { title: `所选（${coverage.chosen}家）`, key: 'c', render: (_, l) => `${l.chosen}家（${pct(l.chosenShare)}）` },
          { title: `名录（${coverage.registry}家）`, key: 'r', render: (_, l) => `${l.registry}家（${pct(l.registryShare)}）` },
        ]}
      />
    </Space>
  );
}
