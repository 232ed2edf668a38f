// The frame of a page in the enterprise portal (phone first): a title row (with a back arrow on
// inner pages) and full-width cards, no side padding of its own around them (the portal shell adds none).
import type { CSSProperties, ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button, Flex, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';

export function PortalPage({
  title,
  description,
  back,
  extra,
  children,
}: {
  title: string;
  description?: ReactNode;
  /** Where the back arrow goes (inner pages). */
  back?: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <section>
      <Flex align="center" gap={4} style={{ padding: '4px 12px 12px', minHeight: 40 }}>
        {back ? <Button type="text" icon={<LeftOutlined />} aria-label="返回" onClick={() => navigate(back)} /> : null}
        <div style={{ flex: 1, minWidth: 0, paddingLeft: back ? 0 : 4 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {description ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13, marginTop: 2 }}>
              {description}
            </Typography.Text>
          ) : null}
        </div>
        {extra}
      </Flex>
      {children}
    </section>
  );
}

const card: CSSProperties = {
  background: '#fff',
  padding: 16,
  marginBottom: 12,
  borderTop: '1px solid #e6ebef',
  borderBottom: '1px solid #e6ebef',
  // A raw long link or number never widens the page.
  overflowWrap: 'anywhere',
};

/** A full-width block of a portal page, with an optional heading. */
export function PortalCard({ title, extra, children, testId }: { title?: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div style={card} data-testid={testId}>
      {title ? (
        <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 12 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {extra}
        </Flex>
      ) : null}
      {children}
    </div>
  );
}
