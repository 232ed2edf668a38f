// 企业详情: the record, its contacts (masked; an audited reveal for roles that may see them),
// edit / archive; its contact points, visits, field records and appeals (contacts' card, issue 14).
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { FullPageSpin } from '../../ui/FullPageSpin.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { ENTERPRISE_STATUS_LABELS, OWNERSHIP_LABELS, SECTOR_COLORS, SECTOR_LABELS, SIZE_LABELS, STATUS_COLORS, SUB_SECTOR_LABELS } from './labels.ts';
import { getEnterprise, revealContacts, updateEnterprise, type Contact } from './api.ts';
import { formatDateTime } from '../../ui/format.ts';
import { EnterpriseContactsCard } from '../contacts/EnterpriseContactsCard.tsx';

export default function EnterpriseDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiError();
  const { data: e, loading, reload } = useFetch((signal) => getEnterprise(id!, signal), [id]);
  const [revealed, setRevealed] = useState<Contact[] | null>(null);
  const [revealing, setRevealing] = useState(false);

  if (loading && !e) return <FullPageSpin />;
  if (!e) return <Empty description="企业不存在或无权查看" />;

  const reveal = async () => {
    setRevealing(true);
    try {
      const r = await revealContacts(e.id);
      setRevealed(r.contacts);
      message.info('已显示完整手机号码，本次查看已记入审计日志');
    } catch (err) {
      onError(err);
    } finally {
      setRevealing(false);
    }
  };

  const setArchived = async (archived: boolean) => {
    try {
      await updateEnterprise(e.id, { version: e.version, archived });
      message.success(archived ? '已归档' : '已恢复');
      reload();
    } catch (err) {
      onError(err, { onConflict: reload });
    }
  };

  const contacts = revealed ?? e.contacts;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        variant="borderless"
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label="返回" />
            <span>{e.name}</span>
            <Tag color={STATUS_COLORS[e.status]}>{ENTERPRISE_STATUS_LABELS[e.status]}</Tag>
            {e.struggling ? <Tag color="red">困难企业</Tag> : null}
            {e.archived ? <Tag>已归档</Tag> : null}
          </Space>
        }
        extra={
          e.canEdit ? (
            <Space>
              <Button icon={<EditOutlined />} onClick={() => navigate(`/enterprises/${e.id}/edit`)}>
                编辑
              </Button>
              <Popconfirm
                title={e.archived ? '恢复该企业？' : '归档该企业？'}
                description={e.archived ? undefined : '归档后不在名录中显示，可随时恢复；数据不删除。'}
                onConfirm={() => setArchived(!e.archived)}
              >
                <Button danger={!e.archived}>{e.archived ? '恢复' : '归档'}</Button>
              </Popconfirm>
            </Space>
          ) : null
        }
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="middle">
          <Descriptions.Item label="统一社会信用代码">
            <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
              {e.uscc}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="所属区县">
            {e.regionName}（{e.regionCode}）
          </Descriptions.Item>
          <Descriptions.Item label="行业">
            <Tag color={SECTOR_COLORS[e.sector]}>{SECTOR_LABELS[e.sector]}</Tag>
            {e.subSector ? SUB_SECTOR_LABELS[e.subSector] : null}
          </Descriptions.Item>
          <Descriptions.Item label="经济类型">{OWNERSHIP_LABELS[e.ownership]}</Descriptions.Item>
          <Descriptions.Item label="企业规模">{SIZE_LABELS[e.size]}</Descriptions.Item>
          <Descriptions.Item label="监管处室">{e.supervisingUnitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="地址" span={2}>
            {e.address ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="标签">{e.tags.length ? e.tags.map((t) => <Tag key={t}>{t}</Tag>) : '—'}</Descriptions.Item>
          {e.struggling ? (
            <Descriptions.Item label="困难原因" span={3}>
              {e.strugglingReason}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label="更新时间">{formatDateTime(e.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        variant="borderless"
        title="联系人"
        extra={
          e.canReveal && !revealed && contacts.some((c) => c.mobile) ? (
            <Button icon={<EyeOutlined />} loading={revealing} onClick={reveal}>
              查看完整号码
            </Button>
          ) : null
        }
      >
        {revealed ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message="正在显示完整手机号码（个人信息），本次查看已记入审计日志，请勿外传。" />
        ) : null}
        <Table<Contact>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={contacts}
          locale={{ emptyText: '暂无联系人' }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 120 },
            { title: '职务', dataIndex: 'post', width: 160, render: (v: string | null) => v ?? '—' },
            { title: '手机', dataIndex: 'mobile', width: 160, render: (v: string | null) => v ?? '—' },
            { title: '固定电话', dataIndex: 'landline', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>

      <EnterpriseContactsCard enterpriseId={e.id} />
    </Space>
  );
}
