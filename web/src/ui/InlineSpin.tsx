import { Flex, Spin } from 'antd';

/** A spinner centred in the space of the content it stands for (a list, a card). */
export function InlineSpin({ padding = 48 }: { padding?: number }) {
  return (
    <Flex justify="center" style={{ padding }}>
      <Spin />
    </Flex>
  );
}
